using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.OpenData;

[Collection(SeededApp.Name)]
public class FindabilityTests(RegistryAppFactory app)
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private readonly HttpClient _client = app.CreateClient();

    private async Task<XElement> XmlAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
    }

    /// <summary>The sitemap's files, as its index names them.</summary>
    private async Task<List<string>> SitemapFilesAsync()
    {
        var index = await XmlAsync("/sitemap.xml");
        Assert.Equal(Sitemap + "sitemapindex", index.Name);
        return index.Elements(Sitemap + "sitemap").Select(s => new Uri(s.Element(Sitemap + "loc")!.Value).AbsolutePath).ToList();
    }

    private async Task<List<string>> SitemapPathsAsync()
    {
        var paths = new List<string>();
        foreach (var file in await SitemapFilesAsync())
        {
            var root = await XmlAsync(file);
            Assert.Equal(Sitemap + "urlset", root.Name);
            paths.AddRange(root.Elements(Sitemap + "url").Select(u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath));
        }
        return paths;
    }

    [Fact]
    public async Task The_sitemap_is_an_index_of_files_with_at_most_50000_addresses_each()
    {
        Assert.Equal(["/sitemap-1.xml"], await SitemapFilesAsync());
        using var past = await _client.GetAsync(new Uri("/sitemap-2.xml", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, past.StatusCode);

        // 120,000 addresses: three files, each address in exactly one of them, in order.
        int[] kinds = [5, 100_000, 14_000, 995];
        var files = Enumerable.Range(1, 3).Select(n => ProjectRegistry.Web.OpenData.Findability.Slices(kinds, n, 50_000)).ToList();
        Assert.All(files, f => Assert.InRange(f.Sum(s => s.Take), 1, 50_000));
        for (var kind = 0; kind < kinds.Length; kind++)
        {
            var covered = files.SelectMany(f => Enumerable.Range(f[kind].Skip, f[kind].Take)).ToList();
            Assert.Equal(Enumerable.Range(0, kinds[kind]), covered);
        }
        Assert.Equal((0, 49_995), files[0][1]);
        Assert.Equal((49_995, 50_000), files[1][1]);
        Assert.All(ProjectRegistry.Web.OpenData.Findability.Slices(kinds, 4, 50_000), s => Assert.Equal(0, s.Take));
    }

    [Fact]
    public async Task Robots_txt_keeps_crawlers_out_of_admin_and_names_the_sitemap()
    {
        using var response = await _client.GetAsync(new Uri("/robots.txt", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n').Select(l => l.Trim()).ToList();

        Assert.Contains("Disallow: /admin", lines);
        var sitemap = Assert.Single(lines, l => l.StartsWith("Sitemap:", StringComparison.Ordinal));
        Assert.Equal("/sitemap.xml", new Uri(sitemap["Sitemap:".Length..].Trim()).AbsolutePath);
    }

    [Fact]
    public async Task Sitemap_lists_every_project_and_organisation()
    {
        var paths = await SitemapPathsAsync();

        foreach (var slug in SeedFiles.Slugs(_ => true)) Assert.Contains($"/projekt/{slug}", paths);
        Assert.Equal(25, paths.Count(p => p.StartsWith("/projekt/", StringComparison.Ordinal)));
        foreach (var slug in SeedDocuments.Organisations.Select(o => o.Get("slug")!)) Assert.Contains($"/organisationer/{slug}", paths);
        Assert.Equal(paths.Count, paths.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Every_sitemap_address_answers_200()
    {
        var failures = new List<string>();
        foreach (var path in await SitemapPathsAsync())
        {
            using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
            if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{path}: {(int)response.StatusCode}");
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Project_page_names_its_canonical_address_and_open_graph_title()
    {
        var page = await _client.GetPageAsync("/projekt/exportfokus?utm_source=test");

        var canonical = page.QuerySelector("link[rel=canonical]")?.GetAttribute("href");
        Assert.NotNull(canonical);
        Assert.Equal("/projekt/exportfokus", new Uri(canonical).PathAndQuery);
        var ogTitle = page.QuerySelector("meta[property='og:title']")?.GetAttribute("content");
        Assert.NotNull(ogTitle);
        Assert.Contains("Exportfokus", ogTitle, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Project_page_describes_the_project_as_schema_org_json_ld()
    {
        var page = await _client.GetPageAsync("/projekt/exportfokus");

        var script = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        using var json = JsonDocument.Parse(script.TextContent);
        var root = json.RootElement;
        Assert.Equal("Project", root.GetProperty("@type").GetString());
        Assert.Equal("Exportfokus", root.GetProperty("name").GetString());

        var grant = Assert.Single(root.GetProperty("funding").EnumerateArray());
        Assert.Equal("MonetaryGrant", grant.GetProperty("@type").GetString());
        Assert.Equal(SeedDocuments.OrganisationName("mala-kommun"), grant.GetProperty("funder").GetProperty("name").GetString());
        Assert.Equal(135000m, grant.GetProperty("amount").GetProperty("value").GetDecimal());
        Assert.Equal("SEK", grant.GetProperty("amount").GetProperty("currency").GetString());

        var areas = root.GetProperty("areaServed").EnumerateArray().Select(a => a.GetProperty("identifier").GetString()).ToList();
        Assert.Contains("2418", areas);
    }

    [Fact]
    public async Task Project_page_json_ld_gives_each_place_with_its_geo_coordinates()
    {
        const string slug = "forstudie-arctic-circle-centre";
        var seed = Assert.Single(SeedDocuments.Places(SeedDocuments.Project(slug)));
        Assert.True(seed.HasCoordinates);

        var page = await _client.GetPageAsync($"/projekt/{slug}");

        var script = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        using var json = JsonDocument.Parse(script.TextContent);
        var place = Assert.Single(json.RootElement.GetProperty("location").EnumerateArray());
        Assert.Equal("Place", place.GetProperty("@type").GetString());
        Assert.Equal(seed.Name, place.GetProperty("name").GetString());
        var geo = place.GetProperty("geo");
        Assert.Equal("GeoCoordinates", geo.GetProperty("@type").GetString());
        Assert.Equal(seed.Latitude!.Value, geo.GetProperty("latitude").GetDouble(), 6);
        Assert.Equal(seed.Longitude!.Value, geo.GetProperty("longitude").GetDouble(), 6);
    }

    [Fact]
    public async Task A_place_without_coordinates_is_named_in_json_ld_without_geo()
    {
        const string slug = "soutujarvibygden-servicekontor";
        var seed = Assert.Single(SeedDocuments.Places(SeedDocuments.Project(slug)));
        Assert.False(seed.HasCoordinates);

        var page = await _client.GetPageAsync($"/projekt/{slug}");

        var script = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        using var json = JsonDocument.Parse(script.TextContent);
        var place = Assert.Single(json.RootElement.GetProperty("location").EnumerateArray());
        Assert.Equal(seed.Name, place.GetProperty("name").GetString());
        Assert.False(place.TryGetProperty("geo", out var geo) && geo.ValueKind != JsonValueKind.Null, "En ort utan koordinater har geo i JSON-LD.");
    }

    [Theory]
    [MemberData(nameof(DownloadsTests.SeedSlugs), MemberType = typeof(DownloadsTests))]
    public async Task Every_project_page_has_parseable_json_ld_with_its_title(string slug)
    {
        var page = await _client.GetPageAsync($"/projekt/{slug}");

        var script = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));
        using var json = JsonDocument.Parse(script.TextContent);
        Assert.Equal(SeedDocuments.Project(slug).Yaml.Get("titel"), json.RootElement.GetProperty("name").GetString());
    }
}
