using System.Net;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Infrastructure;

/// <summary>
/// With ConnectionStrings:Redis set but Redis down, the site is as correct as without a cache: every page renders
/// from the database, and a save shows on the next request. (The shared cache itself: Operations/TwoNodeTests.)
/// </summary>
public sealed class SharedOutputCacheTests : IAsyncLifetime
{
    // Port 1 on loopback: nothing listens, so every cache call fails at once.
    private readonly RegistryAppFactory _site = new() { Settings = { ["ConnectionStrings:Redis"] = "127.0.0.1:1,connectTimeout=200,syncTimeout=200" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task With_Redis_down_pages_render_from_the_database_and_a_save_shows_at_once()
    {
        using var visitor = _site.CreateClient();
        foreach (var url in new[] { "/", "/projekt", "/projekt?q=fiske", "/projekt/exportfokus", "/statistik", "/projekt.csv", "/api/v1/projects" })
        {
            using var response = await visitor.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} gav {(int)response.StatusCode} med Redis nere.");
        }

        var staff = await _site.SignedInAsAsync(Roles.Admin);
        var projectId = await _site.InDbAsync(db => Task.FromResult(db.Projects.Single(p => p.Slug == "exportfokus").Id));
        var outcome = await ProjectSaves.SaveTitleAsync(staff, projectId, "Exportfokus medan cachen är borta");
        Assert.True(outcome.Acknowledged, $"Sparningen gav {(int)outcome.Status} med Redis nere.");

        using var page = await visitor.GetAsync(new Uri("/projekt/exportfokus", UriKind.Relative));
        Assert.Contains("Exportfokus medan cachen är borta", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
