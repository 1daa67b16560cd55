namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>
/// The Swedish a guesser of this site's passwords tries first, which zxcvbn's English dictionaries do not know:
/// common words with their inflections (swedish-password-words.txt; "sommar" gives "sommaren", "somrar" is not
/// needed as zxcvbn also tries what is left of a word), and the names of places and organisations in the forms a
/// password uses them ("Norrbottens län" gives "norrbotten").
/// </summary>
public static class SwedishPasswordWords
{
    // Endings of the definite and plural forms and the genitive: enough that the form a password uses is a word here.
    private static readonly string[] Endings = ["", "en", "n", "et", "t", "na", "ar", "arna", "or", "orna", "er", "erna", "s", "ens", "ets", "ns"];

    /// <summary>The list's words and their inflections, seasons and months first (a lower rank is guessed sooner).</summary>
    public static IReadOnlyList<string> Common { get; } = Load();

    /// <summary>What a place or organisation name gives: each word, with and without a genitive s, and the words run together.</summary>
    public static IEnumerable<string> NameForms(string name)
    {
        var words = name.ToLowerInvariant()
            .Split([' ', '-', '.', ',', '/', '(', ')', '&'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var word in words)
        {
            if (word.Length < 3) continue;
            yield return word;
            yield return word + "s";
            if (word.Length > 4 && word[^1] == 's') yield return word[..^1];
        }
        if (words.Length > 1) yield return string.Concat(words);
    }

    private static List<string> Load()
    {
        using var stream = typeof(SwedishPasswordWords).Assembly.GetManifestResourceStream("swedish-password-words.txt")
            ?? throw new InvalidOperationException("swedish-password-words.txt saknas i programmet.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim().ToLowerInvariant();
            if (word.Length == 0 || word[0] == '#') continue;
            words.AddRange(Endings.Select(e => word + e));
        }
        return words.Where(w => w.Length >= 3).Distinct().ToList();
    }
}
