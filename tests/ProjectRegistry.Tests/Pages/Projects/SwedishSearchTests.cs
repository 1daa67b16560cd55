using System.Net;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Pages.Projects;

/// <summary>
/// What the Swedish analyser gives a reader of /projekt, end to end through a staff-style save and the index:
/// inflected forms ("fiske" finds "fisket"), Swedish letters typed without their dots, the highlighted snippet,
/// and the one-edit suggestion when nothing matches.
/// </summary>
public sealed class SwedishSearchTests : IAsyncLifetime
{
    private const string Slug = "exportfokus";
    private readonly RegistryAppFactory _app = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _app.CreateClient();
        // Saved through the app's context, as the admin form saves: the change reaches the index before the next read.
        await _app.InDbAsync(async db =>
        {
            var project = await db.Projects.SingleAsync(p => p.Slug == Slug);
            project.Purpose = "Fisket vid Göteborgs skärgård och i Göteborg.";
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> PageAsync(string q) =>
        WebUtility.HtmlDecode(await _client.GetStringAsync(new Uri("/projekt?q=" + Uri.EscapeDataString(q), UriKind.Relative)));

    [Fact]
    public async Task Fiske_finds_the_project_that_says_fisket_and_marks_the_word()
    {
        var page = await PageAsync("fiske");
        Assert.Contains($"/projekt/{Slug}\"", page, StringComparison.Ordinal);
        Assert.Contains("<mark>Fisket</mark>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Visar träffar för", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("goteborg")]
    [InlineData("Göteborg")]
    [InlineData("GÖTEBORG")]
    public async Task Goteborg_with_or_without_the_dots_finds_Göteborg(string q)
    {
        var page = await PageAsync(q);
        Assert.Contains($"/projekt/{Slug}\"", page, StringComparison.Ordinal);
        Assert.Contains(">1 projekt matchar<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_word_one_letter_wrong_shows_the_hits_of_the_word_it_was_closest_to_and_says_so()
    {
        var page = await PageAsync("turisn");
        Assert.Contains("Inga träffar för ”turisn”. Visar träffar för ”turism”.", page, StringComparison.Ordinal);
        // Snölagring Ski Camp Gällivare wants to "öka turismen" (seed-data/projekt/leader-polaris).
        Assert.Contains("/projekt/snolagring-ski-camp-gallivare\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_word_with_no_near_neighbour_finds_nothing_and_suggests_nothing()
    {
        var page = await PageAsync("xqzvwk");
        Assert.Contains(">0 projekt matchar<", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Visar träffar för", page, StringComparison.Ordinal);
    }
}
