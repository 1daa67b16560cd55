using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>Staff accounts and signed-in clients for the admin tests, going through the real sign-in form.</summary>
public static class StaffSession
{
    public const string Password = "en lång och ovanlig testfras 42";

    /// <summary>
    /// Creates an account (unique e-mail per call) with a role and, for an editor, publishing organisations, through the
    /// app's own services: the same for a test host and for the browser tests' app.
    /// </summary>
    public static async Task<string> CreateStaffAsync(this IServiceProvider services, string role, params string[] organisationSlugs)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var ids = await db.Organisations.Where(o => organisationSlugs.Contains(o.Slug)).Select(o => o.Id).ToListAsync();
        Assert.Equal(organisationSlugs.Length, ids.Count);
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.se";
        var (user, errors) = await StaffAccounts.CreateAsync(users, db, TimeProvider.System, email, role, Password, ids);
        Assert.True(user is not null, string.Join("; ", errors));
        return email;
    }

    public static Task<string> CreateStaffAsync(this RegistryAppFactory factory, string role, params string[] organisationSlugs) =>
        factory.Services.CreateStaffAsync(role, organisationSlugs);

    /// <summary>A client that keeps cookies and does not follow redirects, signed in through /admin/logga-in.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this RegistryAppFactory factory, string email, string password = Password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var response = await client.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Inloggningen för {email} gav {(int)response.StatusCode}.");
        return client;
    }

    public static async Task<HttpClient> SignedInAsAsync(this RegistryAppFactory factory, string role, params string[] organisationSlugs) =>
        await factory.SignedInClientAsync(await factory.CreateStaffAsync(role, organisationSlugs));

    /// <summary>
    /// Posts a form as a browser would after loading <paramref name="formPage"/> (default: the URL itself):
    /// with that page's antiforgery token and cookie.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var token = await AntiforgeryTokenAsync(client, formPage ?? url.Split('?')[0]);
        var body = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token ?? "") };
        return await client.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(body));
    }

    /// <summary>The antiforgery token of the first POST form on a page, or null when the page has none.</summary>
    public static async Task<string?> AntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        using var response = await client.GetAsync(new Uri(pageUrl, UriKind.Relative));
        if (!response.IsSuccessStatusCode) return null;
        var document = await ParseAsync(await response.Content.ReadAsStringAsync());
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
    }

    public static async Task<IDocument> ParseAsync(string html) =>
        await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
}
