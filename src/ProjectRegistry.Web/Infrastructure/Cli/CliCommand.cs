using ProjectRegistry.Web.Data.Engines;

namespace ProjectRegistry.Web.Infrastructure.Cli;

/// <summary>
/// Commands on the same binary as the site, for operators and scripts (each documented in the README):
/// <c>users ...</c> (staff accounts), <c>backup FILE</c>, <c>restore FILE</c>, <c>migrate</c>, <c>import DIR</c> and <c>search rebuild</c>.
/// Each prepares the database as it needs: <c>users</c> and <c>import</c> start as the site does (migrate and
/// seed an empty registry), <c>migrate</c> only migrates, and <c>backup</c> and <c>restore</c> touch nothing
/// before they have checked the files (restore must not migrate the database it is about to replace).
/// </summary>
public sealed class CliCommand
{
    private static readonly string[] Names = ["users", "backup", "restore", "migrate", "import", "search"];

    private CliCommand(string name, string verb, List<string> arguments, Dictionary<string, List<string>> options)
    {
        Name = name;
        Verb = verb;
        Arguments = arguments;
        Options = options;
    }

    public string Name { get; }

    /// <summary>The word after <c>users</c> (add, list ...); empty for the other commands.</summary>
    public string Verb { get; }

    /// <summary>Words that are not options: the FILE of backup and restore, the DIR of import.</summary>
    public IReadOnlyList<string> Arguments { get; }

    internal Dictionary<string, List<string>> Options { get; }

    internal string? One(string key) => Options.TryGetValue(key, out var v) && v.Count > 0 && v[0].Length > 0 ? v[0] : null;

    /// <summary>
    /// A command when the first argument is a word (not <c>--urls</c>, <c>/urls</c> or <c>urls=...</c>, which
    /// configure the site); an unknown word becomes a command that prints the usage, so a typo never starts the site.
    /// </summary>
    public static CliCommand? Parse(string[] args)
    {
        if (args.Length == 0 || args[0].Length == 0 || args[0][0] is '-' or '/' || args[0].Contains('=', StringComparison.Ordinal)) return null;
        var name = args[0];
        var rest = args.Skip(1).ToList();
        var verb = name == "users" && rest.Count > 0 && !rest[0].StartsWith("--", StringComparison.Ordinal) ? rest[0] : "";
        if (verb.Length > 0) rest.RemoveAt(0);
        var arguments = new List<string>();
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < rest.Count; i++)
        {
            if (!rest[i].StartsWith("--", StringComparison.Ordinal))
            {
                arguments.Add(rest[i]);
                continue;
            }
            var key = rest[i][2..];
            var value = i + 1 < rest.Count && !rest[i + 1].StartsWith("--", StringComparison.Ordinal) ? rest[++i] : "";
            if (!options.TryGetValue(key, out var list)) options[key] = list = [];
            list.Add(value);
        }
        return new CliCommand(name, verb, arguments, options);
    }

    /// <summary>From Program: prepares the database as this command needs it, runs it, and gives the exit code.</summary>
    public async Task<int> ExecuteAsync(WebApplication app)
    {
        if (Name is "users" or "import" or "search" && !await Database.PrepareAsync(app)) return 1;
        return await RunAsync(app.Services, Console.In, Console.Out, Console.Error);
    }

    /// <summary>Runs the command against services whose database is ready (tests call this with the test app's).</summary>
    public async Task<int> RunAsync(IServiceProvider services, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            return Name switch
            {
                "users" => await UsersCommand.RunAsync(this, services, stdin, stdout, stderr),
                "backup" => await DatabaseCommands.BackupAsync(services, Arguments.SingleOrDefault(), stdout, stderr),
                "restore" => await DatabaseCommands.RestoreAsync(services, Arguments.SingleOrDefault(), stdout, stderr),
                "migrate" => await DatabaseCommands.MigrateAsync(services, stdout, stderr),
                "import" => await ImportCommand.RunAsync(services, Arguments.SingleOrDefault(), stdout, stderr),
                "search" => await SearchCommand.RunAsync(this, services, stdout, stderr),
                _ => await UsageAsync(stderr, $"Okänt kommando ”{Name}”."),
            };
        }
        catch (Exception e) when (services.GetRequiredService<IDatabaseEngine>().Describe(e) is { } problem)
        {
            await stderr.WriteLineAsync(problem.Message);
            return 1;
        }
    }

    internal static async Task<int> UsageAsync(TextWriter stderr, string? problem = null)
    {
        if (problem is not null) await stderr.WriteLineAsync(problem);
        await stderr.WriteLineAsync("""
            Kommandon (dotnet run --project src/ProjectRegistry.Web -- KOMMANDO, eller dotnet ProjectRegistry.Web.dll KOMMANDO):
              backup FIL       säkerhetskopiera databasen till FIL medan webbplatsen kör (kontrolleras med integrity_check)
              restore FIL      ersätt databasen med säkerhetskopian FIL (webbplatsen måste vara stoppad; den gamla filen sparas)
              migrate          uppdatera databasens schema utan att starta webbplatsen
              import MAPP      läs in organisationer och projekt från en mapp i seed-data-formatet
              search rebuild   bygg sökindexet på nytt från databasen (en körande webbplats gör det medan den svarar)
              users ...        personalkonton: users add | list | disable | enable | reset-password | reset-two-factor
            """);
        return 2;
    }
}
