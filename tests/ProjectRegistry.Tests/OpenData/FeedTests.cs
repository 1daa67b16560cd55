using System.Net;
using System.Xml;
using System.Xml.Linq;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.OpenData;

[Collection(SeededApp.Name)]
public class FeedTests(RegistryAppFactory app)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private readonly HttpClient _client = app.CreateClient();

    private async Task<XElement> GetFeedAsync(string url)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        // XDocument.Parse throws on anything that is not well-formed XML.
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        return feed;
    }

    private static void AssertTimestamp(string? text) =>
        Assert.True(DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _) && text!.Contains('T', StringComparison.Ordinal),
            $"”{text}” är ingen RFC 3339-tidpunkt.");

    /// <summary>Checks the feed's required elements and returns the slugs its entries link to.</summary>
    private static List<string> AssertValidFeed(XElement feed, string selfPath)
    {
        Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "id")?.Value));
        Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "title")?.Value));
        AssertTimestamp(feed.Element(Atom + "updated")?.Value);
        var self = feed.Elements(Atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == "self");
        Assert.NotNull(self);
        Assert.Equal(selfPath, new Uri((string)self.Attribute("href")!).PathAndQuery);

        var slugs = new List<string>();
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "id")?.Value));
            Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "title")?.Value));
            AssertTimestamp(entry.Element(Atom + "updated")?.Value);
            var alternate = entry.Elements(Atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") is null or "alternate");
            Assert.NotNull(alternate);
            var path = new Uri((string)alternate.Attribute("href")!).AbsolutePath;
            Assert.StartsWith("/projekt/", path, StringComparison.Ordinal);
            slugs.Add(path["/projekt/".Length..]);
        }
        return slugs.Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Feed_is_well_formed_atom_with_one_entry_per_project()
    {
        var feed = await GetFeedAsync("/projekt.atom");

        Assert.Equal(SeedFiles.Slugs(_ => true), AssertValidFeed(feed, "/projekt.atom"));
    }

    [Fact]
    public async Task Feed_filtered_by_municipality_has_only_its_projects()
    {
        var feed = await GetFeedAsync("/projekt.atom?kommun=2510");

        var expected = SeedFiles.Slugs(p => p.Municipalities.Contains("2510"));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, AssertValidFeed(feed, "/projekt.atom?kommun=2510"));
    }

    [Fact]
    public async Task Feed_entry_ids_are_unique_and_differ_from_the_feed_id()
    {
        var feed = await GetFeedAsync("/projekt.atom");

        var ids = feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(feed.Element(Atom + "id")!.Value, ids);
    }

    [Fact]
    public void Xml_parse_rejects_a_malformed_feed()
    {
        Assert.ThrowsAny<XmlException>(() => XDocument.Parse("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry></feed>"));
    }
}
