using Microsoft.Extensions.Configuration;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Tests.Pages.Embeds;

/// <summary>Site:EmbedOrigins: who may frame the embeds that name no publisher, and the start's check of it.</summary>
public sealed class RegistryEmbedOriginsTests(RegistryEmbedOriginsTests.ConfiguredApp configured) : IClassFixture<RegistryEmbedOriginsTests.ConfiguredApp>
{
    public sealed class ConfiguredApp : IAsyncDisposable
    {
        public RegistryAppFactory App { get; } = new() { Settings = { ["Site:EmbedOrigins:0"] = "https://www.region.se", ["Site:EmbedOrigins:1"] = "http://localhost:3000" } };

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    [Theory]
    [InlineData("/inbadda/projekt", true)]
    [InlineData("/inbadda/karta?status=pagaende", true)]
    [InlineData("/inbadda/projekt?organisation=eruf", true)]
    [InlineData("/inbadda/projekt?organisation=leader-polaris", false)]
    [InlineData("/inbadda/projekt/exportfokus", false)]
    public async Task An_embed_without_a_publisher_may_be_framed_by_the_registrys_own_origins(string url, bool registrys)
    {
        using var response = await configured.App.CreateClient().GetAsync(new Uri(url, UriKind.Relative));

        var policy = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(registrys, policy.Contains("frame-ancestors https://www.region.se http://localhost:3000", StringComparison.Ordinal));
        if (!registrys) Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_origin_in_the_settings_stops_the_start_with_its_line()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Site:EmbedOrigins:0"] = "https://www.region.se",
            ["Site:EmbedOrigins:1"] = "https://www.region.se/projekt",
        }).Build();

        Assert.StartsWith("Site:EmbedOrigins: Rad 2: ”https://www.region.se/projekt” har en sökväg", SiteOptions.EmbedOriginsProblem(settings), StringComparison.Ordinal);
        Assert.Null(SiteOptions.EmbedOriginsProblem(new ConfigurationBuilder().Build()));
    }
}
