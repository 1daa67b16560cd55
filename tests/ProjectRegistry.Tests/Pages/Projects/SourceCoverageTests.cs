using System.Globalization;
using System.Text.RegularExpressions;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Pages.Projects;

/// <summary>
/// The registry replaced two public source pages; nothing they told a reader may be lost. Each line of the
/// saved source text (seed-data/kallor) must be findable on the site's project and publisher pages.
/// </summary>
[Collection(SeededApp.Name)]
public partial class SourceCoverageTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    private static IEnumerable<string> SourceFileNames =>
        Directory.GetFiles(Path.Combine(SeedFiles.Root, "kallor"), "*.txt").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    public static TheoryData<string> SourceFiles => [.. SourceFileNames];

    /// <summary>Lines that are the source site's own chrome or section structure, not facts about a project.</summary>
    private static readonly string[] Excluded =
    [
        // The source site's translation widget and a partner logo's alt text.
        "Translate the website with Google translate.",
        "Tillväxtverkets logotyp för samarbete",
        // Headings of the Malå page whose content the project page shows under headings of its own
        // (Syfte, Mål, Målgrupp, Beskrivning, Kontakt, Finansiärer).
        "Kort om projektet, mål och måluppfyllelse:",
        "Kort om projektet:",
        "Mål och aktiviteter:",
        "Målgruppen är:",
        "För information och frågor kontakta:",
        "Projektet finansierades av:",
    ];

    /// <summary>
    /// Source lines that the seed recorded in a structured form, so the site says the same thing in other
    /// words: the organisations' registered names instead of the source's shorthand, a contact split into
    /// name, phone and e-mail. Each maps to every piece of text the site must show instead.
    /// </summary>
    private static readonly Dictionary<string, string[]> SaidOtherwise = new(StringComparer.Ordinal)
    {
        ["Finansiärer: Malå, Norsjö, Vindeln och Lycksele kommuner. Gold of Lapland, Region Västerbotten, EU regionala fonden."] =
            ["Malå kommun", "Norsjö kommun", "Vindelns kommun", "Lycksele kommun", "Gold of Lapland ekonomisk förening", "Region Västerbotten", "Europeiska regionala utvecklingsfonden (ERUF)"],
        ["Finansiärer: Interreg Botnia Atlantica, Lycksele Kommun, Malå Kommun, Norsjö kommun, Vindeln Kommun, Gold of Lapland, Länsstyrelsen Västerbotten, Region Västerbotten, Nordlands fylkeskommune, Helgeland reiseliv Nordland"] =
            ["Interreg Botnia-Atlantica", "Lycksele kommun", "Malå kommun", "Norsjö kommun", "Vindelns kommun", "Gold of Lapland ekonomisk förening", "Länsstyrelsen Västerbotten", "Region Västerbotten", "Nordlands fylkeskommune", "Helgeland Reiseliv"],
        ["Finansiärer Gold of Laplands del: Malå, Norsjö, Vindeln och Lycksele kommuner. Gold of Lapland ekonomisk förening."] =
            ["Malå kommun", "Norsjö kommun", "Vindelns kommun", "Lycksele kommun", "Gold of Lapland ekonomisk förening", "finansierar Gold of Laplands del"],
        ["Finansiärer: Region Västerbotten, Tillväxtverket samt Europeiska Utvecklingsfonden och Malå Kommun."] =
            ["Region Västerbotten", "Tillväxtverket", "Europeiska regionala utvecklingsfonden (ERUF)", "Malå kommun"],
        ["Projektets finansiärer var EU:s regionala utvecklingsfond (det är Tillväxtverket som beviljar medel) och Region Västerbotten samt de åtta kommunerna."] =
            ["Europeiska regionala utvecklingsfonden (ERUF)", "det är Tillväxtverket som beviljar medel", "Region Västerbotten", "Dorotea kommun", "Lycksele kommun", "Norsjö kommun", "Sorsele kommun", "Storumans kommun", "Vilhelmina kommun", "Åsele kommun", "Malå kommun"],
        ["De åtta deltagande kommunerna Dorotea, Lycksele, Malå, Norsjö, Sorsele, Storuman (Projektägare), Vilhelmina och Åsele."] =
            ["Dorotea kommun", "Lycksele kommun", "Malå kommun", "Norsjö kommun", "Sorsele kommun", "Projektägare Storumans kommun", "Vilhelmina kommun", "Åsele kommun"],
        ["Finansiärer: Lokalt Ledd Utveckling (LEADER) Skellefteå Älvdal - Europeiska jordbruksfonden för landsbygdsutveckling"] =
            ["Lokalt Ledd Utveckling (LEADER) Skellefteå Älvdal", "Europeiska jordbruksfonden för landsbygdsutveckling (EJFLU)"],
        ["Projektägare är Storumans kommunföretag AB."] = ["Projektägare Storumans kommunföretag AB"],
        ["Projektmedarbetare Malå kommun: Dan Berglund Tfn: 070-3083994"] = ["Dan Berglund", "Projektmedarbetare", "Malå kommun", "Telefon: 070-3083994"],
        ["Med frågor om projektet och resultat i Malå kontakta affärscoach: Aleksandra Simanovskaya, Tfn: 070-344 55 68, E-post: aleksandra.simanovskaya@mala.se"] =
            ["Aleksandra Simanovskaya", "Affärscoach", "Telefon: 070-344 55 68", "E-post: aleksandra.simanovskaya@mala.se"],
        ["Målområde LUS: Ett samhälle som inkluderar och utvecklar människor, Inriktningsmål: Samverkan och nya lösningar för service och tjänster."] =
            ["Ett samhälle som inkluderar och utvecklar människor", "Samverkan och nya lösningar för service och tjänster"],
        ["Senast uppdaterad den 11 januari 2024"] = ["Senast uppdaterad 11 januari 2024", "Källsidan uppdaterades senast 11 januari 2024"],
    };

    private async Task<string> SiteTextAsync()
    {
        var urls = SeedFiles.Projects.Select(p => $"/projekt/{p.Slug}")
            .Append("/organisationer/leader-polaris")
            .Append("/organisationer/mala-kommun");
        var texts = new List<string>();
        foreach (var url in urls) texts.Add(SwedishText.Normalise((await _client.GetPageAsync(url)).Body!.TextContent));
        // Pages are kept apart so that a sentence cannot be "found" across the end of one and the start of the next.
        return string.Join("\n", texts);
    }

    /// <summary>
    /// The pieces of text the site must show for one line of a source page when the line is not on the site
    /// word for word; empty for excluded lines.
    /// </summary>
    private static IEnumerable<string> Expected(string line)
    {
        if (Excluded.Contains(line)) return [];
        if (SaidOtherwise.TryGetValue(line, out var pieces)) return pieces;

        // "Titel – Status" in a list of projects: the page shows the title and the status apart.
        var status = SwedishText.StatusLabels.Values.FirstOrDefault(label => line.EndsWith(" – " + label, StringComparison.Ordinal));
        if (status is not null) return [.. TitlePieces(line[..^(" – " + status).Length]) ?? [line], status];

        var labelled = LabelValue().Match(line);
        if (!labelled.Success) return TitlePieces(line) ?? Sentences(line);

        var label = labelled.Groups[1].Value.Trim();
        var value = labelled.Groups[2].Value.Trim().TrimEnd('.').Trim();
        // A heading such as "Delmål:" is found as the page's own heading.
        if (value.Length == 0) return [label];
        if (AsPeriod(value) is { } period) return [period];
        var amounts = Amount().Matches(value);
        if (amounts.Count > 0)
        {
            // What follows an amount in brackets is the accounting reference: "135 000 kr (verksamhet 228)".
            var reference = Bracketed().Match(value);
            return [.. amounts.Select(AsMoney), .. reference.Success ? [reference.Groups[1].Value] : Array.Empty<string>()];
        }
        // "Platsbaserad näringslivsutveckling / Miljödriven utveckling": two values the page lists apart.
        if (value.Contains(" / ", StringComparison.Ordinal)) return value.Split(" / ");
        return Sentences(value);
    }

    /// <summary>
    /// A project title, or "Omställning Gällivare (OMG)": the title and the short name, which the page shows
    /// apart. Null when the line is no project's title.
    /// </summary>
    private static string[]? TitlePieces(string line)
    {
        var titles = SeedDocuments.Projects.ToDictionary(p => p.Yaml.Get("titel")!, p => p.Yaml.Get("kortnamn"), StringComparer.Ordinal);
        if (titles.ContainsKey(line)) return [line];
        var match = TitleWithShortName().Match(line);
        if (!match.Success || !titles.TryGetValue(match.Groups[1].Value, out var shortName)) return null;
        // The source spaces one short name loosely ("1,76 - projektet"); the page shows the recorded "1,76-projektet".
        var written = LooseHyphen().Replace(match.Groups[2].Value, "-");
        return [match.Groups[1].Value, shortName == written ? shortName : match.Groups[2].Value];
    }

    private static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);

    /// <summary>"20180901 - 20211231", "2019-05-01 t.o.m. 2021-09-30", "2019-2022", "september 2020 - maj 2022" as the site shows periods.</summary>
    private static string? AsPeriod(string value)
    {
        var years = YearRange().Match(value);
        if (years.Success) return SwedishText.Period(years.Groups[1].Value, years.Groups[2].Value);
        var range = DateRange().Match(value);
        if (!range.Success) return null;
        return SwedishText.Period(IsoDate(range.Groups[1].Value), IsoDate(range.Groups[2].Value));
    }

    private static string IsoDate(string date)
    {
        var parts = date.Split(' ');
        if (parts.Length == 2 && SwedishText.MonthNumber(parts[0]) is { } month)
            return $"{parts[1]}-{month.ToString("00", CultureInfo.InvariantCulture)}";
        return date;
    }

    /// <summary>"3,9 mkr" is 3 900 000 kr, "100 000 kronor" and "450 000kr" are "100 000 kr", "563 000 €" stays.</summary>
    private static string AsMoney(Match amount)
    {
        var number = decimal.Parse(amount.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).Replace(',', '.'), CultureInfo.InvariantCulture);
        var unit = amount.Groups[2].Value;
        var factor = unit switch { "mkr" => 1_000_000m, "tkr" => 1_000m, _ => 1m };
        var currency = unit == "€" ? "EUR" : "SEK";
        return SwedishText.Money(decimal.ToInt64(number * factor * 100), currency);
    }

    private static IEnumerable<string> SourceLines(string file) =>
        File.ReadLines(Path.Combine(SeedFiles.Root, "kallor", file))
            .Select(line => SwedishText.Normalise(line).TrimStart('•', '-').Trim())
            .Where(line => line.Length > 0);

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public async Task Every_line_of_the_source_page_is_findable_on_the_site(string file)
    {
        var site = await SiteTextAsync();

        var missing = SourceLines(file)
            .Where(line => !site.Contains(line, StringComparison.Ordinal))
            .SelectMany(line => Expected(line).Select(piece => (Line: line, Piece: SwedishText.Normalise(piece))))
            .Where(x => !site.Contains(x.Piece, StringComparison.Ordinal))
            .Select(x => x.Piece == x.Line ? $"”{x.Piece}”" : $"”{x.Piece}” (ur raden ”{x.Line}”)")
            .ToList();

        Assert.True(missing.Count == 0, $"{missing.Count} uppgifter ur kallor/{file} syns inte på webbplatsen:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void The_exclusions_and_rewordings_name_lines_that_are_in_the_sources()
    {
        var lines = SourceFileNames.SelectMany(SourceLines).ToHashSet(StringComparer.Ordinal);

        Assert.All(Excluded.Concat(SaidOtherwise.Keys), line => Assert.Contains(line, lines));
    }

    /// <summary>"Label: value", where the label is a few words without a sentence end.</summary>
    [GeneratedRegex(@"^([^:.!?]{2,60}?):\s*(.*)$")]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"^(\d{4})\s*[-–]\s*(\d{4})$")]
    private static partial Regex YearRange();

    [GeneratedRegex(@"^(\d{8}|\d{4}-\d{2}-\d{2}|[a-zåäö]+ \d{4})\s*(?:-|–|t\.o\.m\.)\s*(\d{8}|\d{4}-\d{2}-\d{2}|[a-zåäö]+ \d{4})$")]
    private static partial Regex DateRange();

    [GeneratedRegex(@"(\d{1,3}(?: \d{3})*(?:,\d+)?)\s*(mkr|tkr|kronor|kr|€)")]
    private static partial Regex Amount();

    [GeneratedRegex(@"\(([^)]+)\)")]
    private static partial Regex Bracketed();

    [GeneratedRegex(@"^(.+?) \((.+)\)$")]
    private static partial Regex TitleWithShortName();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\d""'”–-])")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\s*-\s*")]
    private static partial Regex LooseHyphen();
}
