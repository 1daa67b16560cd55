using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Operations;

/// <summary>
/// Many staff saving at once while the public pages are under load, on a real SQLite file (and, in the
/// PostgreSQL pass, on PostgreSQL): every save that was
/// acknowledged is stored, and nobody ever gets a 5xx ("database is locked" included).
/// </summary>
public sealed class ConcurrentSavesTests : IAsyncLifetime
{
    private const int OwnProjectEditors = 6;
    private const int SharedProjectEditors = 2;
    private const int SavesPerEditor = 8;
    private const int Visitors = 8;

    private readonly RegistryAppFactory _site = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private sealed record Save(int ProjectId, string Title);

    [Fact]
    public async Task Concurrent_admin_saves_under_public_load_are_all_stored_and_nothing_answers_5xx()
    {
        _ = _site.Services;
        var projects = (await _site.InDbAsync(db => db.Projects.OrderBy(p => p.Id).Select(p => new { p.Id, p.Slug }).ToListAsync()))
            .Select(p => (p.Id, p.Slug)).ToList();
        var shared = projects[^1].Id;
        var editors = new List<HttpClient>();
        for (var i = 0; i < OwnProjectEditors + SharedProjectEditors; i++) editors.Add(await _site.SignedInAsAsync(Roles.Admin));

        var failures = new ConcurrentQueue<string>();
        var acknowledged = new ConcurrentQueue<Save>();
        var publicAnswers = 0;
        using var stop = new CancellationTokenSource();

        var visitors = Enumerable.Range(0, Visitors).Select(v => Task.Run(async () =>
        {
            using var client = _site.CreateClient();
            string[] urls = ["/", "/projekt", "/projekt?q=sikt", $"/projekt/{projects[v % projects.Count].Slug}", "/projekt.csv",
                "/api/v1/projects", "/organisationer", "/kommuner/2418", "/projekt.atom"];
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                using var response = await client.GetAsync(new Uri(urls[n % urls.Length], UriKind.Relative));
                Interlocked.Increment(ref publicAnswers);
                if ((int)response.StatusCode >= 500) failures.Enqueue($"GET {urls[n % urls.Length]}: {(int)response.StatusCode}");
            }
        })).ToList();

        var saving = editors.Select((client, e) => Task.Run(async () =>
        {
            var projectId = e < OwnProjectEditors ? projects[e].Id : shared;
            for (var n = 0; n < SavesPerEditor; n++)
            {
                var title = $"Samtidigt sparad [e{e} n{n}]";
                // Someone else saving the same project first is the concurrency message; the editor reloads and saves again.
                for (var attempt = 1; ; attempt++)
                {
                    var outcome = await ProjectSaves.SaveTitleAsync(client, projectId, title);
                    if ((int)outcome.Status >= 500) failures.Enqueue($"spara {projectId}: {(int)outcome.Status}");
                    if (outcome.Acknowledged)
                    {
                        acknowledged.Enqueue(new Save(projectId, title));
                        break;
                    }
                    if (!outcome.Conflict || attempt == 25)
                    {
                        failures.Enqueue($"spara {projectId} ({title}): {(int)outcome.Status}, konflikt: {outcome.Conflict}, försök {attempt}");
                        break;
                    }
                }
            }
        })).ToList();

        await Task.WhenAll(saving);
        await stop.CancelAsync();
        await Task.WhenAll(visitors);

        Assert.Empty(failures);
        Assert.Equal((OwnProjectEditors + SharedProjectEditors) * SavesPerEditor, acknowledged.Count);
        Assert.True(publicAnswers > Visitors, $"Bara {publicAnswers} publika svar under sparandet.");
        foreach (var save in acknowledged)
        {
            var stored = await _site.InDbAsync(db => db.ProjectRevisions.CountAsync(r => r.ProjectId == save.ProjectId && r.SnapshotJson.Contains(save.Title)));
            Assert.True(stored == 1, $"Sparningen ”{save.Title}” av projekt {save.ProjectId} finns i {stored} revisioner, inte 1.");
        }
        // Each editor's own project ends with that editor's last save; the shared one with whichever save came last.
        for (var e = 0; e < OwnProjectEditors; e++)
            Assert.Equal($"Samtidigt sparad [e{e} n{SavesPerEditor - 1}]", await TitleAsync(projects[e].Id));
        var lastShared = await _site.InDbAsync(db => db.ProjectRevisions.Where(r => r.ProjectId == shared).OrderByDescending(r => r.Number).Select(r => r.SnapshotJson).FirstAsync());
        Assert.Contains(await TitleAsync(shared), lastShared, StringComparison.Ordinal);
        Assert.Equal(1 + 2 * SavesPerEditor, await _site.InDbAsync(db => db.ProjectRevisions.CountAsync(r => r.ProjectId == shared)));

        using var visitor = _site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
    }

    private Task<string> TitleAsync(int projectId) => _site.InDbAsync(db => db.Projects.Where(p => p.Id == projectId).Select(p => p.Title).SingleAsync());
}
