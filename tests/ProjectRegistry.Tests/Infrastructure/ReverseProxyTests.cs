using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using ProjectRegistry.Tests.Operations;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Infrastructure;

/// <summary>
/// The site in Production behind a reverse proxy on loopback that terminates TLS: the proxy is named in
/// Proxy:KnownProxies, every request reaches the app from 127.0.0.1, and the client's scheme and address come in
/// X-Forwarded-Proto and X-Forwarded-For.
/// </summary>
public sealed class ReverseProxyTests(ReverseProxyTests.ProxiedApp proxied) : IClassFixture<ReverseProxyTests.ProxiedApp>
{
    public sealed class ProxiedApp : IAsyncDisposable
    {
        public RegistryAppFactory App { get; } = new()
        {
            EnvironmentName = "Production",
            PeerAddress = IPAddress.Loopback,
            Settings = { ["Proxy:KnownProxies"] = "127.0.0.1" },
        };

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    /// <summary>A visitor through the proxy: the public host name (HSTS is never sent for localhost), over https or http.</summary>
    internal static HttpClient Through(RegistryAppFactory app, string scheme, string clientAddress = "203.0.113.50")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("http://projekt.example/"), AllowAutoRedirect = false, HandleCookies = false,
        });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", scheme);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return client;
    }

    [Fact]
    public async Task An_https_visit_through_the_proxy_gets_HSTS_for_the_domain_and_its_subdomains()
    {
        using var response = await Through(proxied.App, "https").GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "Ingen HSTS bakom proxyn.");
        var directives = Assert.Single(hsts).Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("max-age=31536000", directives);
        Assert.Contains("includeSubDomains", directives);
    }

    [Theory]
    [InlineData("/projekt/exportfokus", "<link rel=\"canonical\" href=\"https://projekt.example/projekt/exportfokus\"")]
    [InlineData("/projekt/exportfokus", "\"url\":\"https://projekt.example/projekt/exportfokus\"")]
    [InlineData("/sitemap.xml", "<loc>https://projekt.example/sitemap-1.xml</loc>")]
    [InlineData("/sitemap-1.xml", "<loc>https://projekt.example/projekt/exportfokus</loc>")]
    [InlineData("/robots.txt", "Sitemap: https://projekt.example/sitemap.xml")]
    [InlineData("/projekt.atom", "<id>https://projekt.example/projekt.atom</id>")]
    [InlineData("/api/v1/projects/exportfokus", "\"url\":\"https://projekt.example/projekt/exportfokus\"")]
    public async Task Absolute_urls_of_an_https_visit_through_the_proxy_are_https(string url, string expected)
    {
        using var response = await Through(proxied.App, "https").GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, body, StringComparison.Ordinal);
        Assert.DoesNotContain("http://projekt.example", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_http_visit_through_the_proxy_is_redirected_to_the_same_address_over_https()
    {
        using var response = await Through(proxied.App, "http").GetAsync(new Uri("/projekt?status=pagaende", UriKind.Relative));

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal("https://projekt.example/projekt?status=pagaende", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task A_probe_from_the_proxy_machine_that_names_no_scheme_is_answered_not_redirected()
    {
        using var client = proxied.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_named_proxy_not_even_loopback_is_believed_about_https()
    {
        // The framework's own default trusts loopback; the site's default trusts nothing.
        await using var app = new RegistryAppFactory { EnvironmentName = "Production", PeerAddress = IPAddress.Loopback };

        using var response = await Through(app, "https").GetAsync(new Uri("/projekt/exportfokus", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS skickades fast ingen proxy är betrodd.");
        Assert.Contains("<link rel=\"canonical\" href=\"http://projekt.example/projekt/exportfokus\"", body, StringComparison.Ordinal);
    }

    [ProcessTheory]
    [InlineData("Proxy__KnownProxies", "proxy.example", "Proxy:KnownProxies")]
    [InlineData("Proxy__KnownNetworks", "10.0.0.0", "Proxy:KnownNetworks")]
    public async Task A_proxy_setting_that_is_no_address_stops_the_start_with_one_line(string variable, string value, string named)
    {
        using var process = new RegistryProcess { Settings = { [variable] = value } };

        var start = await process.RunAsync(null, "--urls", "http://127.0.0.1:0");

        StartupFailureTests.AssertOneClearLine(start, named);
        Assert.Contains(value, start.All, StringComparison.Ordinal);
    }
}
