using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Infrastructure;

/// <summary>
/// The admin area in Production, where its cookies are Secure only: over plain http a clear Swedish answer or a
/// redirect to https (never a 500), and over https cookies with the __Host- prefix.
/// </summary>
public sealed class AdminNeedsHttpsTests(AdminNeedsHttpsTests.ProductionApp production) : IClassFixture<AdminNeedsHttpsTests.ProductionApp>
{
    public sealed class ProductionApp : IAsyncDisposable
    {
        public RegistryAppFactory App { get; } = new() { EnvironmentName = "Production" };

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private HttpClient Client(string baseAddress) => production.App.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false, HandleCookies = true,
    });

    [Theory]
    [InlineData("/admin/logga-in")]
    [InlineData("/admin")]
    [InlineData("/admin/projekt")]
    public async Task Over_plain_http_the_admin_area_says_in_Swedish_that_it_needs_HTTPS(string url)
    {
        using var response = await Client("http://projekt.example/").GetAsync(new Uri(url, UriKind.Relative));
        var page = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Administrationen kräver HTTPS", page.QuerySelector("h1")?.TextContent);
        Assert.Contains("https://", page.QuerySelector("main")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_sign_in_post_over_plain_http_is_refused_the_same_way_not_a_500()
    {
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "nagon@example.se", ["Input.Password"] = "ett långt lösenord här" });
        using var response = await Client("http://projekt.example/").PostAsync(new Uri("/admin/logga-in", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task With_an_https_public_url_a_plain_http_admin_visit_is_redirected_there()
    {
        await using var app = new RegistryAppFactory { EnvironmentName = "Production", Settings = { ["Site:PublicUrl"] = "https://projekt.example" } };
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://projekt.example/"), AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/admin/logga-in?tillbaka=%2Fadmin%2Fprojekt", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://projekt.example/admin/logga-in?tillbaka=%2Fadmin%2Fprojekt", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Over_https_staff_sign_in_works_and_both_cookies_carry_the_Host_prefix()
    {
        var email = await production.App.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var client = Client("https://projekt.example/");

        using var form = await client.GetAsync(new Uri("/admin/logga-in", UriKind.Relative));
        using var signIn = await client.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = StaffSession.Password });
        using var admin = await client.GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-registret.af=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var staff = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-registret.staff=", StringComparison.Ordinal));
        foreach (var cookie in new[] { antiforgery, staff })
        {
            var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.Contains("secure", attributes);
            Assert.Contains("path=/", attributes);
            Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
        }
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    private static void AssertHostCookie(string cookie)
    {
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
    }

    // Issue 24, L5: the status message after an action (TempData) had neither Secure nor the prefix, and the state between
    // password and authenticator code (Identity.TwoFactorUserId) no prefix.
    [Fact]
    public async Task Over_https_the_status_message_cookie_carries_the_Host_prefix_and_Secure()
    {
        var email = await production.App.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var client = Client("https://projekt.example/");
        using (await client.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = StaffSession.Password })) { }

        using var signOut = await client.PostFormAsync("/admin/logga-ut", [], formPage: "/admin");

        var message = Assert.Single(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-registret.meddelande=", StringComparison.Ordinal));
        AssertHostCookie(message);
    }

    [Fact]
    public async Task Over_https_the_half_signed_in_cookie_before_the_authenticator_code_carries_the_Host_prefix_and_Secure()
    {
        var email = await production.App.CreateStaffAsync(Roles.Editor, "mala-kommun");
        using (var scope = production.App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        var client = Client("https://projekt.example/");

        using var signIn = await client.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = StaffSession.Password });

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = signIn.Headers.GetValues("Set-Cookie").ToList();
        var halfway = Assert.Single(cookies, c => c.StartsWith("__Host-registret.TwoFactorUserId=", StringComparison.Ordinal));
        AssertHostCookie(halfway);
        Assert.DoesNotContain(cookies, c => c.StartsWith("Identity.", StringComparison.Ordinal));
    }
}
