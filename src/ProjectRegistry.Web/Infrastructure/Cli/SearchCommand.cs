using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Web.Infrastructure.Cli;

/// <summary>
/// <c>search rebuild</c>: builds this node's search index anew from the database. Every node is also asked to
/// rebuild its own (a change row that names no project), so a running site does it while it keeps answering; when
/// no site holds this index, the command builds it itself and says how long it took.
/// </summary>
public static class SearchCommand
{
    public static async Task<int> RunAsync(CliCommand command, IServiceProvider services, TextWriter stdout, TextWriter stderr)
    {
        if (command.Arguments is not ["rebuild"])
            return await CliCommand.UsageAsync(stderr, "Skriv: search rebuild");
        using (var scope = services.CreateScope())
            await SearchChange.RequestRebuildAsync(scope.ServiceProvider.GetRequiredService<RegistryDbContext>(), CancellationToken.None);
        var index = services.GetRequiredService<SearchIndex>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // Opening applies the request just written: the index is built from the database.
            await index.OpenAsync();
        }
        catch (DatabaseProblemException)
        {
            await stdout.WriteLineAsync($"Sökindexet {index.FolderPath} används av webbplatsen; den bygger om det medan den svarar som vanligt. Varje nod med ett eget index gör detsamma.");
            return 0;
        }
        await stdout.WriteLineAsync($"Sökindexet {index.FolderPath} byggdes om på {started.Elapsed.TotalSeconds:0.0} s. Andra noder bygger om sina egna.");
        return 0;
    }
}
