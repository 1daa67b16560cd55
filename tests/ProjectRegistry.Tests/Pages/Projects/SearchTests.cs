using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Tests.Pages.Projects;

/// <summary>
/// The free-text search as a reader uses it: with or without å, ä, ö; the start of a word; several words;
/// and characters that mean something to a search engine (quotes, stars, AND, NEAR, colons) taken as text.
/// Expectations come from the seed files, read by the tests' own YAML reader.
/// </summary>
[Collection(SeededApp.Name)]
public class SearchTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    public static TheoryData<string> Queries =>
    [
        "Gällivare", "gallivare", "GÄLLIVARE", "Malå", "mala", "Överkalix", "overkalix", "Nordenskiöldsloppet", "nordenskioldsloppet",
        "kart", "besöksnär", "jokk", "Folkets Hus", "folk hus", "mötesplats", "Vuollerimbygden karting",
    ];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task A_search_finds_exactly_the_projects_with_those_words_with_or_without_accents(string query)
    {
        var expected = SeedDocuments.Projects.Where(p => SeedDocuments.MatchesSearch(p, query)).Select(p => p.Slug).Order(StringComparer.Ordinal).ToList();

        var found = await AllSlugsAsync(query);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, found);
    }

    [Fact]
    public async Task Accented_and_plain_spelling_find_the_same_projects()
    {
        Assert.Equal(await AllSlugsAsync("Gällivare"), await AllSlugsAsync("gallivare"));
        Assert.Equal(await AllSlugsAsync("Nordenskiöldsloppet"), await AllSlugsAsync("nordenskioldsloppet"));
        Assert.Equal(await AllSlugsAsync("Malå"), await AllSlugsAsync("MALA"));
    }

    [Fact]
    public async Task The_start_of_a_word_finds_the_whole_word()
    {
        var whole = await AllSlugsAsync("kartingbana");

        Assert.NotEmpty(whole);
        Assert.Subset(new HashSet<string>(await AllSlugsAsync("karting")), new HashSet<string>(whole));
        Assert.Subset(new HashSet<string>(await AllSlugsAsync("kart")), new HashSet<string>(whole));
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_match_in_the_text()
    {
        // "Jokkmokk" is in one title (Folkets Hus Jokkmokk) and in the texts of several other projects.
        var page = await _client.GetPageAsync("/projekt?q=jokkmokk");

        var first = page.QuerySelector("li.project-card h3")!.ReadableText();
        Assert.Contains("Jokkmokk", first, StringComparison.Ordinal);
        Assert.Equal("relevans", page.QuerySelector("#sortering option[selected]")?.GetAttribute("value"));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"jokkmokk")]
    [InlineData("jokkmokk\"")]
    [InlineData("jokk*")]
    [InlineData("*")]
    [InlineData("jokkmokk OR malå")]
    [InlineData("jokkmokk AND NOT malå")]
    [InlineData("NEAR(jokkmokk malå)")]
    [InlineData("title:jokkmokk")]
    [InlineData("^jokkmokk")]
    [InlineData("(jokkmokk")]
    [InlineData("jokkmokk)")]
    [InlineData("-jokkmokk")]
    [InlineData("+jokkmokk")]
    [InlineData("{Title SearchText}: jokkmokk")]
    [InlineData("jokkmokk'; DROP TABLE Projects; --")]
    [InlineData("\u0000jokkmokk")]
    public async Task Search_syntax_in_the_input_is_searched_for_as_text_never_obeyed(string query)
    {
        var escaped = Uri.EscapeDataString(query);

        foreach (var url in new[] { $"/projekt?q={escaped}", $"/statistik?q={escaped}", $"/projekt.csv?q={escaped}", $"/api/v1/projects?q={escaped}" })
        {
            using var response = await _client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} gav {(int)response.StatusCode}.");
        }
        var expected = SeedDocuments.Projects.Where(p => SeedDocuments.MatchesSearch(p, query.Replace("\u0000", "", StringComparison.Ordinal)))
            .Select(p => p.Slug).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, await AllSlugsAsync(query));
    }

    [Fact]
    public async Task OR_is_a_word_to_find_not_an_alternative()
    {
        // Were OR obeyed, "malå OR jokkmokk" would find the projects of both; as text it needs all three words.
        var both = (await AllSlugsAsync("malå")).Union(await AllSlugsAsync("jokkmokk")).ToList();

        var found = await AllSlugsAsync("malå OR jokkmokk");

        Assert.True(found.Count < both.Count, $"”malå OR jokkmokk” gav {found.Count} projekt, lika många som malå eller jokkmokk var för sig.");
    }

    [Fact]
    public async Task The_api_and_the_list_agree_on_a_search()
    {
        var list = await AllSlugsAsync("besöksnäring");

        var json = await _client.GetStringAsync($"/api/v1/projects?q={Uri.EscapeDataString("besöksnäring")}&pageSize=100");
        using var doc = JsonDocument.Parse(json);
        var api = doc.RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("slug").GetString()!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(list, api);
    }

    private async Task<List<string>> AllSlugsAsync(string query)
    {
        var slugs = new List<string>();
        for (var page = 1; page < 10; page++)
        {
            var doc = await _client.GetPageAsync($"/projekt?q={Uri.EscapeDataString(query)}&sida={page}");
            slugs.AddRange(Slugs(doc));
            if (doc.QuerySelector("a[rel=next]") is null) break;
        }
        return slugs.Order(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> Slugs(IDocument page) =>
        page.QuerySelectorAll("li.project-card h3 a").Select(a => a.GetAttribute("href")!["/projekt/".Length..]);
}
