using System.Globalization;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;

namespace ProjectRegistry.Tests.Pages;

/// <summary>
/// A municipality's and an organisation's lists are paged: a reader sees 20 at a time, the totals count
/// them all, and following "Nästa" (plain links, no JavaScript) reaches every project exactly once.
/// </summary>
public class LongListsTests(LongListsTests.ManyMalåProjects app) : IClassFixture<LongListsTests.ManyMalåProjects>
{
    private const int Copies = 45;
    private readonly HttpClient _client = app.CreateClient();

    /// <summary>The seeded app plus 45 copies of Exportfokus: same publisher, owner, municipalities and financiers.</summary>
    public sealed class ManyMalåProjects : IAsyncLifetime
    {
        private readonly RegistryAppFactory _app = new();

        public HttpClient CreateClient() => _app.CreateClient();

            public Task<T> InDbAsync<T>(Func<RegistryDbContext, Task<T>> work) => _app.InDbAsync(work);

        public async Task InitializeAsync()
        {
            _app.CreateClient().Dispose();
            // Plain SQL with quoted names, so that it runs on SQLite and on PostgreSQL alike.
            await InDbAsync(async db =>
            {
                var copied = string.Join(", ", Columns(db, "Projects").Where(c => c is not ("Id" or "Slug" or "Title")).Select(c => $"\"{c}\""));
                for (var i = 1; i <= Copies; i++)
                {
                    var n = i.ToString("00", CultureInfo.InvariantCulture);
                    var copy = $"INSERT INTO \"Projects\" (\"Slug\", \"Title\", {copied}) SELECT 'kopia-{n}', 'Kopia {n} av Exportfokus', {copied} FROM \"Projects\" WHERE \"Slug\" = 'exportfokus'";
                    await db.Database.ExecuteSqlRawAsync(copy);
                }
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO \"ProjectMunicipality\" (\"MunicipalitiesCode\", \"ProjectsId\") SELECT l.\"MunicipalitiesCode\", c.\"Id\" FROM \"ProjectMunicipality\" l " +
                    "JOIN \"Projects\" e ON e.\"Id\" = l.\"ProjectsId\" AND e.\"Slug\" = 'exportfokus' CROSS JOIN \"Projects\" c WHERE c.\"Slug\" LIKE 'kopia-%'");
                var financierColumns = Columns(db, "ProjectFinanciers").Where(c => c is not ("Id" or "ProjectId")).ToList();
                var financiers = $"INSERT INTO \"ProjectFinanciers\" (\"ProjectId\", {string.Join(", ", financierColumns.Select(c => $"\"{c}\""))}) " +
                    $"SELECT c.\"Id\", {string.Join(", ", financierColumns.Select(c => $"f.\"{c}\""))} FROM \"ProjectFinanciers\" f " +
                    "JOIN \"Projects\" e ON e.\"Id\" = f.\"ProjectId\" AND e.\"Slug\" = 'exportfokus' CROSS JOIN \"Projects\" c WHERE c.\"Slug\" LIKE 'kopia-%'";
                await db.Database.ExecuteSqlRawAsync(financiers);
                // Written past the app (no change rows): the search index is asked to read everything again.
                await SearchChange.RequestRebuildAsync(db, CancellationToken.None);
                return 0;
            });
        }

        /// <summary>The columns EF maps to a table (owned types included), from the model rather than the engine's catalogue.</summary>
        private static List<string> Columns(RegistryDbContext db, string table)
        {
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, null);
            return db.Model.GetEntityTypes().Where(e => e.GetTableName() == table)
                .SelectMany(e => e.GetProperties()).Select(p => p.GetColumnName(store)).OfType<string>().Distinct().ToList();
        }

        public async Task DisposeAsync() => await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_municipality_shows_20_projects_a_page_and_the_pages_together_list_every_one_once()
    {
        var expected = await app.InDbAsync(db => db.PublicProjects.Where(p => p.Municipalities.Any(m => m.Code == "2418")).Select(p => "/projekt/" + p.Slug).ToListAsync());
        Assert.True(expected.Count > 40, "Testdatan ska ge minst tre sidor.");

        var first = await _client.GetPageAsync("/kommuner/2418");
        Assert.Contains($"{expected.Count} projekt", SwedishText.Normalise(first.QuerySelector("ul.sums")!.TextContent), StringComparison.Ordinal);
        Assert.NotNull(first.QuerySelector("a[href='/projekt?kommun=2418']"));

        var listed = await WalkAsync(first, "nav.pager");
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_organisation_pages_each_of_its_lists_on_its_own()
    {
        var counts = await app.InDbAsync(async db =>
        {
            var id = await db.Organisations.Where(o => o.Slug == "mala-kommun").Select(o => o.Id).SingleAsync();
            var published = await db.PublicProjects.Where(p => p.PublisherId == id).Select(p => "/projekt/" + p.Slug).ToListAsync();
            var financed = await db.ProjectFinanciers.Where(f => f.OrganisationId == id).Join(db.PublicProjects, f => f.ProjectId, p => p.Id, (f, p) => "/projekt/" + p.Slug).ToListAsync();
            return (published, financed);
        });
        Assert.True(counts.published.Count > 40 && counts.financed.Count > 40, "Testdatan ska ge minst tre sidor i båda listorna.");

        var first = await _client.GetPageAsync("/organisationer/mala-kommun");
        var sums = SwedishText.Normalise(first.QuerySelector("ul.sums")!.TextContent);
        Assert.Contains($"Publicerar {counts.published.Count} projekt", sums, StringComparison.Ordinal);
        Assert.Contains($"Finansierar {counts.financed.Count} projekt", sums, StringComparison.Ordinal);

        var published = await WalkAsync(first, "section[aria-labelledby='publicerar'] nav.pager", "section[aria-labelledby='publicerar'] li.project-card h3 a");
        Assert.Equal(counts.published.Order(StringComparer.Ordinal), published.Order(StringComparer.Ordinal));

        var financed = await WalkAsync(first, "section[aria-labelledby='finansierar'] nav.pager", "section[aria-labelledby='finansierar'] tbody th a");
        Assert.Equal(counts.financed.Order(StringComparer.Ordinal), financed.Order(StringComparer.Ordinal));
        // Paging one list leaves the others on their first page.
        var second = await _client.GetPageAsync("/organisationer/mala-kommun?lista=finansierar&sida=2");
        Assert.Equal(first.QuerySelectorAll("section[aria-labelledby='publicerar'] li.project-card h3 a").Select(a => a.GetAttribute("href")),
            second.QuerySelectorAll("section[aria-labelledby='publicerar'] li.project-card h3 a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("/kommuner/2418?sida=0")]
    [InlineData("/kommuner/2418?sida=999")]
    [InlineData("/kommuner/2418?sida=abc")]
    [InlineData("/organisationer/mala-kommun?lista=okand&sida=2")]
    public async Task A_page_number_that_does_not_exist_shows_the_first_page(string url)
    {
        var page = await _client.GetPageAsync(url);
        Assert.Equal("1", page.QuerySelector("nav.pager [aria-current='page']")?.TextContent);
    }

    /// <summary>Follows the pager's "Nästa" links from the first page, collecting every project link on the way.</summary>
    private async Task<List<string>> WalkAsync(IDocument page, string pagerSelector, string itemSelector = "li.project-card h3 a")
    {
        var listed = new List<string>();
        for (var pages = 1; ; pages++)
        {
            var items = page.QuerySelectorAll(itemSelector).Select(a => a.GetAttribute("href")!).ToList();
            Assert.InRange(items.Count, 1, 20);
            listed.AddRange(items);
            var next = page.QuerySelector(pagerSelector)?.QuerySelector("a[rel='next']")?.GetAttribute("href");
            if (next is null) break;
            Assert.True(pages < 50, "Sidorna tar aldrig slut.");
            page = await _client.GetPageAsync(next.Split('#')[0]);
        }
        return listed;
    }
}
