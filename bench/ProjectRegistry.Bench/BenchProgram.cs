using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ProjectRegistry.Bench;

/// <summary>
/// bench/run.sh's helper. "generate" builds a database of N projects; "words" prints the search words the
/// text-search benchmark draws from (URL-encoded, one a line), all of them found in generated projects.
/// </summary>
internal static class BenchProgram
{
    private const string Usage = """
        usage: ProjectRegistry.Bench generate --db <file> --projects <N> --seed-data <folder>
               ProjectRegistry.Bench words
               ProjectRegistry.Bench common-words --db <file>
        """;

    public static async Task<int> Main(string[] args)
    {
        System.Globalization.CultureInfo.DefaultThreadCurrentCulture = CultureInfo.GetCultureInfo("sv-SE");
        switch (args.FirstOrDefault())
        {
            case "generate" when Option(args, "--db") is { } db && int.TryParse(Option(args, "--projects"), out var n) && n > 0
                && Option(args, "--seed-data") is { } seed:
                await new Generator(db, seed, n, Console.Out).RunAsync();
                return 0;
            case "words":
                foreach (var word in SearchWords()) Console.WriteLine(Uri.EscapeDataString(word));
                return 0;
            case "common-words" when Option(args, "--db") is { } file:
                foreach (var word in CommonWords(file)) Console.WriteLine(Uri.EscapeDataString(word));
                return 0;
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>
    /// The words that match the most projects of a generated database (by the number of projects whose title or
    /// texts hold them, counted on up to 20,000 of them), most frequent first: the search benchmark's worst case,
    /// where every hit must be counted, faceted and ranked. Only words of at least four letters, as in SearchWords.
    /// </summary>
    private static List<string> CommonWords(string databasePath)
    {
        var swedish = CultureInfo.GetCultureInfo("sv-SE");
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "Title", coalesce("Purpose", ''), coalesce("Goal", ''), coalesce("Description", '')
            FROM "Projects" ORDER BY "Id" LIMIT 20000
            """;
        using var reader = command.ExecuteReader();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        char[] separators = [' ', '-', '(', ')', ',', '.', '–', ':', ';', '\n', '\r', '"', '”', '/'];
        while (reader.Read())
        {
            seen.Clear();
            for (var i = 0; i < 4; i++)
                foreach (var w in reader.GetString(i).Split(separators, StringSplitOptions.RemoveEmptyEntries))
                    if (w.Length >= 4 && w.All(char.IsLetter)) seen.Add(w.ToLower(swedish));
            foreach (var w in seen) counts[w] = counts.GetValueOrDefault(w) + 1;
        }
        return counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(40).Select(c => c.Key).ToList();
    }

    /// <summary>Words of the generated titles and texts, plus some place names; each query gets a different one.</summary>
    private static IEnumerable<string> SearchWords()
    {
        var texts = Vocabulary.Topics.Concat(Vocabulary.Facilities).Concat(Vocabulary.Groups).Concat(Vocabulary.Activities)
            .Concat(Vocabulary.Problems).Concat(Vocabulary.Verbs).Concat(Vocabulary.GoalAreaNames);
        var words = texts.SelectMany(t => t.Split([' ', '-', '(', ')', ',', '–'], StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.ToLower(CultureInfo.GetCultureInfo("sv-SE")))
            .Where(w => w.Length >= 4 && w.All(char.IsLetter));
        var places = Vocabulary.PlacePrefixes.Take(20).SelectMany(p => Vocabulary.PlaceSuffixes.Take(5).Select(s => p + s));
        return words.Concat(places).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
    }
}
