using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ProjectRegistry.Tests.TestSupport;
using Xunit.Abstractions;

namespace ProjectRegistry.Tests.Operations;

/// <summary>
/// Two web nodes behind one load balancer, as two processes of the real app on loopback sharing one PostgreSQL
/// database and one Redis output cache. They start at the same moment (one migrates and seeds, the other
/// waits); a sign-in on one node is valid on the other, a form rendered by one is accepted by the other, the
/// cache is shared, and an edit on node A is what node B shows on its very next request.
/// </summary>
public sealed class TwoNodeTests(ITestOutputHelper output)
{
    private const string Email = "tva.noder@example.se";

    [MultiNodeFact]
    public async Task An_edit_on_node_A_is_visible_on_node_Bs_next_request_and_a_sign_in_works_on_both()
    {
        var database = await PostgresServer.Required.CreateDatabaseAsync();
        // The key file that encrypts the shared key ring: the same file on every node, as the README says.
        var keyFile = Path.Combine(Path.GetTempPath(), $"projektregistret-tva-noder-{Guid.NewGuid():N}.key");
        try
        {
            Dictionary<string, string> settings = new()
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Registry"] = database,
                ["ConnectionStrings__Redis"] = RedisServer.Required.ConnectionString,
                ["DataProtection__KeyFile"] = keyFile,
            };
            using var nodeA = new RegistryProcess { Settings = settings };
            using var nodeB = new RegistryProcess { Settings = settings };

            // Both start at once on an empty database: one migrates and imports the seed, the other waits for it.
            using var a = nodeA.StartServer();
            using var b = nodeB.StartServer();
            await Task.WhenAll(a.WaitUntilReadyAsync(), b.WaitUntilReadyAsync());
            output.WriteLine($"Nod A {a.BaseAddress}, nod B {b.BaseAddress}, PostgreSQL {PostgresServer.Required.Description}, Redis {RedisServer.Required.ConnectionString}");
            var created = await nodeA.RunAsync(StaffSession.Password + "\n", "users", "add", "--email", Email, "--role", "Admin");
            Assert.True(created.ExitCode == 0, created.ToString());

            // Behind a load balancer both nodes see the site's one host name (the output cache's key includes it).
            using var visitorA = a.CreateClient();
            using var visitorB = b.CreateClient();
            visitorA.DefaultRequestHeaders.Host = visitorB.DefaultRequestHeaders.Host = "registret.example.se";
            // Seeded once, not twice, although both nodes started on the empty database together.
            Assert.Contains("25 projekt", await TextAsync(visitorA, "/projekt"), StringComparison.Ordinal);
            Assert.Contains("25 projekt", await TextAsync(visitorB, "/projekt"), StringComparison.Ordinal);

            // The output cache is shared: a page rendered on B is served to A from the cache (it carries an Age).
            const string page = "/projekt/exportfokus";
            using (var first = await visitorB.GetAsync(new Uri(page, UriKind.Relative)))
                Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            using (var fromCache = await visitorA.GetAsync(new Uri(page, UriKind.Relative)))
                Assert.True(fromCache.Headers.Age is not null, $"Nod A svarade inte ur den delade cachen på {page}.");

            // One browser, two nodes: cookies are per host, not per port, so a load balancer's clients look like this.
            var cookies = new CookieContainer();
            using var staffA = Client(a.BaseAddress, cookies);
            using var staffB = Client(b.BaseAddress, cookies);
            using (var signIn = await staffA.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = Email, ["Input.Password"] = StaffSession.Password }))
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            using (var admin = await staffB.GetAsync(new Uri("/admin", UriKind.Relative)))
                Assert.True(admin.StatusCode == HttpStatusCode.OK, $"Inloggningen från nod A gällde inte på nod B: {(int)admin.StatusCode} {admin.Headers.Location}");

            // The edit form comes from node A and is posted to node B (its antiforgery token protected by A's keys).
            var projectId = await ProjectIdAsync(database, "exportfokus");
            const string title = "Exportfokus, ändrad på två noder";
            using (var form = await staffA.GetAsync(new Uri($"/admin/projekt/{projectId}", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, form.StatusCode);
                var document = await StaffSession.ParseAsync(await form.Content.ReadAsStringAsync());
                var button = document.QuerySelectorAll<IHtmlButtonElement>("main form button").First(x => x.ReadableText() == "Spara");
                var fields = FormPage.Controls(button.Form!.Elements);
                fields.RemoveAll(f => f.Key == "Input.Title");
                fields.Add(new("Input.Title", title));
                using var body = new FormUrlEncodedContent(fields);
                using var saved = await staffB.PostAsync(new Uri(button.GetAttribute("formaction")!, UriKind.Relative), body);
                Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"Nod B tog inte emot formuläret från nod A: {(int)saved.StatusCode}");
            }

            // Saved through B: both nodes show it at once, A although it had the old page in its cache a moment ago.
            Assert.Contains(title, await TextAsync(visitorA, page), StringComparison.Ordinal);
            Assert.Contains(title, await TextAsync(visitorB, page), StringComparison.Ordinal);

            // And the other way round: a save on A, read on B.
            const string again = "Exportfokus, ändrad igen på nod A";
            var outcome = await ProjectSaves.SaveTitleAsync(staffA, projectId, again);
            Assert.True(outcome.Acknowledged, $"Sparningen på nod A gav {(int)outcome.Status}.");
            Assert.Contains(again, await TextAsync(visitorB, page), StringComparison.Ordinal);
            Assert.Contains(again, await TextAsync(visitorB, "/projekt?q=igen"), StringComparison.Ordinal);
        }
        finally
        {
            await PostgresServer.Required.DropDatabaseAsync(database);
            File.Delete(keyFile);
        }
    }

    private static HttpClient Client(Uri baseAddress, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    private static async Task<string> TextAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync())).Body!.TextContent;
    }

    private static async Task<int> ProjectIdAsync(string database, string slug)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new Npgsql.NpgsqlCommand("""SELECT "Id" FROM "Projects" WHERE "Slug" = @slug""", connection);
        query.Parameters.AddWithValue("slug", slug);
        return (int)(await query.ExecuteScalarAsync())!;
    }
}

/// <summary>
/// Needs PostgreSQL and Redis from Debian's packages (which .ci/run installs): skipped with the reason when they are
/// missing, so that a plain <c>dotnet test</c> passes; under CI=true a missing server fails the test instead. It runs
/// in the first pass (the README's <c>dotnet test</c>), not again in the PostgreSQL pass.
/// </summary>
public sealed class MultiNodeFactAttribute : FactAttribute
{
    public MultiNodeFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var installed = (Directory.Exists("/usr/lib/postgresql") || Environment.GetEnvironmentVariable("REGISTRY_TEST_POSTGRES") is { Length: > 0 })
            && File.Exists("/usr/bin/redis-server");
        if (!installed && !ci) Skip = "PostgreSQL och Redis saknas (apt-get install postgresql redis-server); .ci/run installerar dem.";
        // Both nodes run on PostgreSQL in either pass: the same test, so once.
        else if (TestEngine.IsPostgres) Skip = TestEngine.OncePerRun;
    }
}
