using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using ProjectRegistry.Tests.TestSupport;
using Xunit.Abstractions;

namespace ProjectRegistry.Tests.Search;

/// <summary>
/// The search index as an operator meets it: the real server as a process, its index folder beside the database,
/// killed with SIGKILL while it applies saves, started without an index, with a damaged one and with one of an older
/// format, and rebuilt on demand with `search rebuild`. Each time, what the public lists says must be what the
/// database holds.
/// </summary>
public sealed partial class SearchIndexTests(ITestOutputHelper output)
{
    private const string Email = "sokindex@example.se";

    [SqliteFact]
    public async Task After_a_SIGKILL_while_saves_are_applied_to_the_index_it_matches_the_database_after_a_restart()
    {
        using var app = new RegistryProcess();
        // The migrated and seeded database a first start makes (the first start itself is StartupFailureTests' and CrashTests' subject).
        await SeededTemplate.CopyToAsync(app.DatabasePath);
        var created = await app.RunAsync(StaffSession.Password + "\n", "users", "add", "--email", Email, "--role", "Admin");
        Assert.True(created.ExitCode == 0, created.ToString());
        var projects = SqliteFile.Query(app.DatabasePath, "SELECT Id FROM Projects WHERE IsPublished = 1 ORDER BY Id LIMIT 3").Select(int.Parse).ToList();

        var acknowledged = 0;
        var reads = 0;
        using (var server = await app.StartServerAsync())
        {
            using var staff = server.CreateClient();
            using (var signIn = await staff.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = Email, ["Input.Password"] = StaffSession.Password }))
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            using var reader = server.CreateClient();

            var killed = false;
            // Each save empties the output cache, so the next public read applies it to the index: killed at any moment,
            // the server is as likely to be inside an index update as anywhere else.
            var saves = projects.Select((projectId, s) => Task.Run(async () =>
            {
                for (var n = 0; !Volatile.Read(ref killed); n++)
                {
                    try
                    {
                        var outcome = await ProjectSaves.SaveTitleAsync(staff, projectId, $"Kraschindex s{s} n{n}");
                        if (outcome.Acknowledged) Interlocked.Increment(ref acknowledged);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return;
                    }
                }
            }));
            var readers = Enumerable.Range(0, 2).Select(r => Task.Run(async () =>
            {
                while (!Volatile.Read(ref killed))
                {
                    try
                    {
                        using var _ = await reader.GetAsync(new Uri($"/projekt?q=kraschindex&sortering=titel", UriKind.Relative));
                        Interlocked.Increment(ref reads);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return;
                    }
                }
            }));
            var all = saves.Concat(readers).ToList();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while ((Volatile.Read(ref acknowledged) < 30 || Volatile.Read(ref reads) < 30) && DateTime.UtcNow < deadline && all.All(t => !t.IsCompleted))
                await Task.Delay(20);
            server.Kill();
            Volatile.Write(ref killed, true);
            await Task.WhenAll(all);
        }
        output.WriteLine($"{acknowledged} sparningar och {reads} sökningar före SIGKILL.");
        Assert.True(acknowledged >= 30, $"Bara {acknowledged} sparningar hann bekräftas.");

        using var restarted = await app.StartServerAsync();
        using var client = restarted.CreateClient();
        await AssertIndexMatchesDatabaseAsync(app, client);
        // Every streamed project under its current title, and only once: no old title and no double left in the index.
        var found = await client.GetStringAsync(new Uri("/projekt?q=kraschindex", UriKind.Relative));
        Assert.Contains($"{projects.Count} projekt matchar", found, StringComparison.Ordinal);
        foreach (var projectId in projects)
        {
            var title = SqliteFile.Scalar(app.DatabasePath, $"SELECT Title FROM Projects WHERE Id = {projectId}");
            Assert.Contains(WebUtility.HtmlEncode(title), found, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("   at ", restarted.Output, StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task A_missing_a_damaged_and_an_outdated_index_are_each_rebuilt_from_the_database_at_start()
    {
        using var app = new RegistryProcess();
        // The migrated and seeded database a first start makes (the first start itself is StartupFailureTests' and CrashTests' subject).
        await SeededTemplate.CopyToAsync(app.DatabasePath);
        using (var first = await app.StartServerAsync())
        {
            Assert.Contains("Sökindexet byggdes", first.Output, StringComparison.Ordinal);
        }
        var folder = app.DatabasePath + ".sokindex";
        Assert.True(System.IO.Directory.Exists(folder), "Indexmappen ska ligga bredvid databasen.");
        // A change made while no site runs (another node, a script) is applied at the next start.
        SqliteFile.Execute(app.DatabasePath, "UPDATE Projects SET Title = 'Omdöpt medan ingen körde' WHERE Id = (SELECT MIN(Id) FROM Projects WHERE IsPublished = 1)");
        SqliteFile.Execute(app.DatabasePath, "INSERT INTO SearchChanges (ProjectId, At) SELECT MIN(Id), '2026-12-05 00:00:00' FROM Projects WHERE IsPublished = 1");

        using (var again = await app.StartServerAsync())
        {
            using var client = again.CreateClient();
            Assert.DoesNotContain("Sökindexet byggdes", again.Output, StringComparison.Ordinal);
            await AssertIndexMatchesDatabaseAsync(app, client);
        }

        // Damaged: every file of the index overwritten with nonsense.
        foreach (var file in System.IO.Directory.GetFiles(folder)) File.WriteAllBytes(file, [1, 2, 3, 4, 5, 6, 7, 8]);
        using (var damaged = await app.StartServerAsync())
        {
            using var client = damaged.CreateClient();
            Assert.Contains("var skadat", damaged.Output, StringComparison.Ordinal);
            await AssertIndexMatchesDatabaseAsync(app, client);
        }

        // Outdated: a commit that says it was written in another format.
        using (var directory = FSDirectory.Open(folder))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
        {
            writer.SetCommitData(new Dictionary<string, string> { ["format"] = "0", ["applied-change"] = "0" });
            writer.Commit();
        }
        using (var outdated = await app.StartServerAsync())
        {
            using var client = outdated.CreateClient();
            Assert.Contains("har ett äldre format", outdated.Output, StringComparison.Ordinal);
            await AssertIndexMatchesDatabaseAsync(app, client);
        }

        // Missing.
        System.IO.Directory.Delete(folder, recursive: true);
        using (var missing = await app.StartServerAsync())
        {
            using var client = missing.CreateClient();
            Assert.Contains("saknas", missing.Output, StringComparison.Ordinal);
            await AssertIndexMatchesDatabaseAsync(app, client);
        }
    }

    [SqliteFact]
    public async Task Search_rebuild_builds_the_index_itself_when_no_site_runs_and_asks_the_running_site_to_do_it_while_it_answers()
    {
        using var app = new RegistryProcess();
        // The migrated and seeded database a first start makes (the first start itself is StartupFailureTests' and CrashTests' subject).
        await SeededTemplate.CopyToAsync(app.DatabasePath);
        var alone = await app.RunAsync(null, "search", "rebuild");
        Assert.True(alone.ExitCode == 0, alone.ToString());
        Assert.Contains("byggdes om", alone.Out, StringComparison.Ordinal);

        using var server = await app.StartServerAsync();
        using var client = server.CreateClient();
        await AssertIndexMatchesDatabaseAsync(app, client);
        // Changed behind the index's back (no change recorded): only a rebuild can show it.
        SqliteFile.Execute(app.DatabasePath, "UPDATE Projects SET Title = 'Zebrafinkarnas projekt' WHERE Id = (SELECT MIN(Id) FROM Projects WHERE IsPublished = 1)");
        var running = await app.RunAsync(null, "search", "rebuild");
        Assert.True(running.ExitCode == 0, running.ToString());
        Assert.Contains("används av webbplatsen", running.Out, StringComparison.Ordinal);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string page;
        do
        {
            // Answered all along; the new title appears once the rebuild has been committed.
            using var response = await client.GetAsync(new Uri($"/projekt?q=zebrafinkarnas&v={Guid.NewGuid():N}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await response.Content.ReadAsStringAsync();
        }
        while (!page.Contains("1 projekt matchar", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Delay());
        Assert.Contains("Zebrafinkarnas projekt", page, StringComparison.Ordinal);
        await AssertIndexMatchesDatabaseAsync(app, client);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }

    /// <summary>The public list, sorted by title, page by page, against the database's published projects.</summary>
    private static async Task AssertIndexMatchesDatabaseAsync(RegistryProcess app, HttpClient client)
    {
        var expected = SqliteFile.Query(app.DatabasePath, "SELECT Slug FROM Projects WHERE IsPublished = 1 AND DeletedAt IS NULL").ToHashSet();
        var listed = new List<string>();
        for (var page = 1; page < 20; page++)
        {
            var html = await client.GetStringAsync(new Uri($"/projekt?sortering=titel&sida={page}", UriKind.Relative));
            var slugs = ProjectLink().Matches(html).Select(m => m.Groups[1].Value).ToList();
            if (slugs.Count == 0 || (page > 1 && html.Contains("finns inte, listan har", StringComparison.Ordinal))) break;
            listed.AddRange(slugs);
        }
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        var all = await client.GetStringAsync(new Uri("/projekt?sortering=titel", UriKind.Relative));
        Assert.Contains($">{expected.Count} projekt<", all, StringComparison.Ordinal);
    }

    [GeneratedRegex("<h3 class=\"project-card__title\"><a href=\"/projekt/([^\"]+)\">")]
    private static partial Regex ProjectLink();
}
