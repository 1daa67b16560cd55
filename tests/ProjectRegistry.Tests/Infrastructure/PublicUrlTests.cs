using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using ProjectRegistry.Tests.Operations;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Infrastructure;

/// <summary>
/// Site:PublicUrl is the base of every absolute URL the site writes, so a forged Host header cannot put another
/// site's address into a page, a feed, the sitemap or the API; AllowedHosts refuses hosts that are not the site's.
/// </summary>
public sealed class PublicUrlTests(PublicUrlTests.PublicUrlApp configured) : IClassFixture<PublicUrlTests.PublicUrlApp>
{
    public sealed class PublicUrlApp : IAsyncDisposable
    {
        public RegistryAppFactory App { get; } = new() { Settings = { ["Site:PublicUrl"] = "https://projekt.example/" } };

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/projekt")]
    [InlineData("/projekt/exportfokus")]
    [InlineData("/organisationer/mala-kommun")]
    [InlineData("/sitemap.xml")]
    [InlineData("/sitemap-1.xml")]
    [InlineData("/robots.txt")]
    [InlineData("/projekt.atom")]
    [InlineData("/projekt.json")]
    [InlineData("/dcat.rdf")]
    [InlineData("/api/v1/projects")]
    [InlineData("/api/v1/projects/exportfokus")]
    [InlineData("/api/v1/openapi.json")]
    [InlineData("/finns-inte")]
    public async Task A_forged_host_appears_nowhere_and_absolute_urls_use_the_public_address(string url)
    {
        var client = configured.App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example/"), AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound, $"{url} gav {(int)response.StatusCode}");
        Assert.DoesNotContain("evil.example", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://projekt.example", body, StringComparison.Ordinal);
        Assert.DoesNotContain("https://projekt.example//", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_allowed_hosts_set_a_request_for_another_host_is_refused_with_400()
    {
        await using var app = new RegistryAppFactory { Settings = { ["AllowedHosts"] = "projekt.example" } };

        using var forged = await app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example/") })
            .GetAsync(new Uri("/", UriKind.Relative));
        using var own = await app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://projekt.example/") })
            .GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain("evil.example", await forged.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [ProcessTheory]
    [InlineData("projekt.leaderpolaris.se")]
    [InlineData("ftp://projekt.leaderpolaris.se")]
    [InlineData("https://projekt.leaderpolaris.se/?sida=1")]
    [InlineData("https://leaderpolaris.se/projekt")]
    public async Task A_public_url_that_is_not_a_whole_http_address_stops_the_start_with_one_line(string value)
    {
        using var process = new RegistryProcess { Settings = { ["Site__PublicUrl"] = value } };

        var start = await process.RunAsync(null, "--urls", "http://127.0.0.1:0");

        StartupFailureTests.AssertOneClearLine(start, "Site:PublicUrl ska vara webbplatsens hela adress");
    }
}
