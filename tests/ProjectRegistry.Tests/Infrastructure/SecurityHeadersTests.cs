using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Infrastructure;

/// <summary>What every answer tells the browser (no inline script, no framing, no sniffing), and which answers may set cookies.</summary>
public class SecurityHeadersTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    // Set-Cookie and redirects left as they came: nothing taken into a cookie jar, nothing followed.
    private readonly HttpClient _raw = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    private static readonly string[] SafeReferrerPolicies = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"];

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/projekt/exportfokus", HttpStatusCode.OK)]
    [InlineData("/admin/logga-in", HttpStatusCode.OK)]
    [InlineData("/admin", HttpStatusCode.Redirect)]
    [InlineData("/projekt/finns-inte", HttpStatusCode.NotFound)]
    [InlineData("/finns-inte", HttpStatusCode.NotFound)]
    [InlineData("/css/site.css", HttpStatusCode.OK)]
    public async Task Every_answer_forbids_inline_script_framing_and_sniffing(string url, HttpStatusCode status)
    {
        using var response = await _raw.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{url} har ingen Content-Security-Policy.");
        var policy = Directives(string.Join(';', csp));
        // Without script-src the browser falls back to default-src; one of them must be there.
        var script = policy.GetValueOrDefault("script-src") ?? policy.GetValueOrDefault("default-src");
        Assert.True(script is not null, $"{url}: CSP utan script-src och default-src: {string.Join(';', csp)}");
        Assert.DoesNotContain("'unsafe-inline'", script);
        Assert.DoesNotContain("'unsafe-eval'", script);
        Assert.Equal(["'none'"], policy.GetValueOrDefault("frame-ancestors") ?? []);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer), $"{url} har ingen Referrer-Policy.");
        Assert.Contains(Assert.Single(referrer), SafeReferrerPolicies);
    }

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/projekt/exportfokus", HttpStatusCode.OK)]
    [InlineData("/statistik", HttpStatusCode.OK)]
    [InlineData("/admin/logga-in", HttpStatusCode.OK)]
    [InlineData("/projekt.json", HttpStatusCode.OK)]
    [InlineData("/api/v1/projects", HttpStatusCode.OK)]
    [InlineData("/finns-inte", HttpStatusCode.NotFound)]
    [InlineData("/img/favicon.svg", HttpStatusCode.OK)]
    public async Task Every_answer_runs_no_script_at_all_and_may_not_be_embedded_by_other_sites(string url, HttpStatusCode status)
    {
        using var response = await _raw.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        var policy = Directives(string.Join(';', response.Headers.GetValues("Content-Security-Policy")));
        // No page of the site has script: an injected or planted one must not run either.
        Assert.Equal(["'none'"], policy.GetValueOrDefault("script-src") ?? []);
        Assert.Equal(["same-origin"], response.Headers.GetValues("Cross-Origin-Resource-Policy"));
    }

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/projekt", HttpStatusCode.OK)]
    [InlineData("/projekt/exportfokus", HttpStatusCode.OK)]
    [InlineData("/kommuner/2418", HttpStatusCode.OK)]
    [InlineData("/organisationer/mala-kommun", HttpStatusCode.OK)]
    [InlineData("/projekt/finns-inte", HttpStatusCode.NotFound)]
    public async Task A_public_page_sets_no_cookie(string url, HttpStatusCode status)
    {
        using var response = await _raw.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies), $"GET {url} satte kakor: {string.Join(" | ", cookies ?? [])}");
    }

    [Fact]
    public async Task The_staff_cookie_set_at_sign_in_is_HttpOnly_and_SameSite_Lax()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

        using var response = await client.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = StaffSession.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").SingleOrDefault(c => c.StartsWith("registret.staff=", StringComparison.Ordinal));
        Assert.True(cookie is not null, $"Ingen inloggningskaka: {string.Join(" | ", response.Headers.GetValues("Set-Cookie"))}");
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
    }

    [Fact]
    public async Task The_sign_in_form_carries_an_antiforgery_token_and_a_post_without_it_is_refused()
    {
        var email = await app.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var form = (await client.GetPageAsync("/admin/logga-in")).QuerySelector("main form[method=post]");
        Assert.NotNull(form);
        Assert.False(string.IsNullOrEmpty(form.QuerySelector("input[type=hidden][name=__RequestVerificationToken]")?.GetAttribute("value")));

        // The right password, the antiforgery cookie from the page, but not the token from the form.
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = StaffSession.Password });
        using var response = await client.PostAsync(new Uri("/admin/logga-in", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("registret.staff=", StringComparison.Ordinal)));
    }

    private static Dictionary<string, string[]> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(d => d[0].ToLowerInvariant())
            // A browser obeys the first of a repeated directive.
            .ToDictionary(g => g.Key, g => g.First()[1..]);
}
