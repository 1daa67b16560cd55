using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Pages;

/// <summary>A visitor who only reads the registry is not tracked: no cookie, so no consent banner is needed.</summary>
[Collection(SeededApp.Name)]
public class CookieTests(RegistryAppFactory app)
{
    // Cookies left in the response (not taken into a cookie jar), and no redirect followed past one that sets them.
    private readonly HttpClient _client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/projekt", HttpStatusCode.OK)]
    [InlineData("/projekt?q=g%C3%A4llivare&status=pagaende", HttpStatusCode.OK)]
    [InlineData("/projekt/exportfokus", HttpStatusCode.OK)]
    [InlineData("/organisationer", HttpStatusCode.OK)]
    [InlineData("/organisationer/mala-kommun", HttpStatusCode.OK)]
    [InlineData("/kommuner", HttpStatusCode.OK)]
    [InlineData("/kommuner/2418", HttpStatusCode.OK)]
    [InlineData("/projekt/finns-inte", HttpStatusCode.NotFound)]
    [InlineData("/finns-inte", HttpStatusCode.NotFound)]
    public async Task A_public_page_sets_no_cookie(string url, HttpStatusCode status)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"), $"GET {url} satte kakor: {string.Join(" | ", response.Headers.TryGetValues("Set-Cookie", out var v) ? v : [])}");
    }
}
