using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using ProjectRegistry.Tests.TestSupport;
using static ProjectRegistry.Tests.TestSupport.SeedDocuments;

namespace ProjectRegistry.Tests.Pages.Statistics;

/// <summary>
/// /statistik read as a visitor reads it (the summary, the tables under each chart, the map) and held against
/// numbers worked out here from the seed files with the tests' own YAML reader, never from the app's queries:
/// for the whole registry and for every kind of filter that /projekt has.
/// </summary>
[Collection(SeededApp.Name)]
public partial class StatisticsTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    private static readonly string[] CurrencyOrder = ["SEK", "EUR", "NOK"];

    /// <summary>No filter, each status (one that no project has), municipalities, both publishers, financiers, goal areas, searches, combinations.</summary>
    public static TheoryData<string> Filters()
    {
        var queries = new List<string> { "" };
        queries.AddRange(SwedishText.StatusLabels.Keys.Select(s => $"status={s}"));
        queries.AddRange(["kommun=2418", "kommun=2523", "kommun=2510&kommun=2513"]);
        queries.AddRange(SeedDocuments.Projects.Select(p => p.Publisher).Distinct().Order(StringComparer.Ordinal).Select(p => $"organisation={p}"));
        // Every financier the seed gives an amount for, and the two that finance most projects without one.
        queries.AddRange(SeedDocuments.Projects.SelectMany(p => p.Yaml.List("finansiarer")).Where(f => f.Get("belopp") is not null)
            .Select(f => $"finansiar={f.Get("organisation")}"));
        queries.AddRange(["finansiar=eruf", "finansiar=leader-polaris", "finansiar=gold-of-lapland"]);
        queries.AddRange(SeedDocuments.Projects.SelectMany(p => p.Yaml.Strings("malomraden")).Select(SeedFiles.SlugOf).Distinct().Order(StringComparer.Ordinal)
            .Select(g => $"malomrade={g}"));
        queries.AddRange(["q=gallivare", "q=" + Uri.EscapeDataString("besöksnäring"), "q=" + Uri.EscapeDataString("Gold of Lapland"), "q=jokkmokk"]);
        queries.AddRange(["status=avslutat&kommun=2404", "status=pagaende&status=vantar-pa-beslut&kommun=2523",
            "organisation=mala-kommun&finansiar=eruf&malomrade=platsbaserad-naringslivsutveckling"]);
        var data = new TheoryData<string>();
        foreach (var q in queries.Distinct(StringComparer.Ordinal)) data.Add(q);
        return data;
    }

    // ---- What the seed files say ----

    /// <summary>The seed projects a /projekt query selects, by what each filter means to a reader.</summary>
    private static List<ProjectFile> Selection(string query)
    {
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .Select(p => (Key: p[0], Value: Uri.UnescapeDataString(p[1]))).ToList();
        List<string> All(string key) => pairs.Where(p => p.Key == key).Select(p => p.Value).ToList();
        var statuses = All("status");
        var codes = All("kommun");
        var publisher = All("organisation").FirstOrDefault();
        var financier = All("finansiar").FirstOrDefault();
        var goalArea = All("malomrade").FirstOrDefault();
        var search = All("q").FirstOrDefault();
        return SeedDocuments.Projects.Where(p =>
                (statuses.Count == 0 || statuses.Contains(p.Yaml.Get("status")!))
                && (codes.Count == 0 || p.Yaml.Strings("kommuner").Any(codes.Contains))
                && (publisher is null || p.Publisher == publisher)
                && (financier is null || p.Yaml.List("finansiarer").Any(f => f.Get("organisation") == financier))
                && (goalArea is null || p.Yaml.Strings("malomraden").Select(SeedFiles.SlugOf).Contains(goalArea))
                && (search is null || MatchesSearch(p, search)))
            .ToList();
    }

    private static string? Budget(ProjectFile p) => p.Yaml.Get("budget");

    private static IEnumerable<string> Codes(ProjectFile p) => p.Yaml.Strings("kommuner").Distinct();

    /// <summary>The currencies among the budgets and financiers' amounts, in the page's order: SEK first.</summary>
    private static List<string> Currencies(List<ProjectFile> selected) =>
        selected.Select(Budget)
            .Concat(selected.SelectMany(p => p.Yaml.List("finansiarer")).Select(f => f.Get("belopp")))
            .OfType<string>().Select(a => SwedishText.ParseAmount(a).Currency).Distinct()
            .OrderBy(c => Array.IndexOf(CurrencyOrder, c)).ToList();

    /// <summary>One currency's sum as the page writes it, or the dash of an empty cell.</summary>
    private static string SumOrDash(IEnumerable<string> seedAmounts, string currency)
    {
        var amounts = seedAmounts.Select(SwedishText.ParseAmount).Where(a => a.Currency == currency).ToList();
        return amounts.Count == 0 ? "–" : SwedishText.Money(amounts.Sum(a => a.MinorUnits), currency);
    }

    private static string Projekt(int n) => $"{n} projekt";

    // ---- What the page says ----

    private Task<IDocument> StatisticsAsync(string query) => _client.GetPageAsync(query.Length == 0 ? "/statistik" : $"/statistik?{query}");

    /// <summary>One of the full tables (?visa=kommuner, finansiarer, malomraden) for the same selection.</summary>
    private Task<IDocument> FullTableAsync(string query, string view) => StatisticsAsync(query.Length == 0 ? $"visa={view}" : $"{query}&visa={view}");

    /// <summary>The overview's charts and tables show the top of each list; the full tables have the rest.</summary>
    private const int Top = 15;

    /// <summary>"1 522 196,50 €" as minor units, to check an order.</summary>
    private static long DisplayedMinorUnits(string shown)
    {
        var parts = new string(shown.Where(ch => char.IsAsciiDigit(ch) || ch == ',').ToArray()).Split(',');
        return long.Parse(parts[0], CultureInfo.InvariantCulture) * 100 + (parts.Length > 1 ? long.Parse(parts[1].PadRight(2, '0'), CultureInfo.InvariantCulture) : 0);
    }

    private static string CurrencyName(string c) => c switch { "SEK" => "kronor", "EUR" => "euro", _ => c };

    private sealed record Row(IReadOnlyDictionary<string, string> Cells, string First, string? Href)
    {
        public string this[string column] => Cells.TryGetValue(column, out var v) ? v : throw new Xunit.Sdk.XunitException($"Tabellen har ingen kolumn ”{column}”: {string.Join(", ", Cells.Keys)}.");
    }

    private static IElement? Table(IDocument page, string caption) =>
        page.QuerySelectorAll("table").SingleOrDefault(t => t.QuerySelector("caption")?.ReadableText() == caption);

    private static List<string> Header(IElement table) => table.QuerySelectorAll("thead th").Select(th => SwedishText.Normalise(th.TextContent)).ToList();

    /// <summary>A table's body rows, each cell under its column heading, with the row's (first) link.</summary>
    private static List<Row> Rows(IElement? table)
    {
        if (table is null) return [];
        var header = Header(table);
        return table.QuerySelectorAll("tbody tr").Select(tr =>
            {
                var cells = tr.Children.Select(c => SwedishText.Normalise(c.TextContent)).ToList();
                Assert.Equal(header.Count, cells.Count);
                return new Row(header.Zip(cells).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal), cells[0],
                    tr.QuerySelector("a")?.GetAttribute("href"));
            })
            .ToList();
    }

    private static int Number(string text) => int.Parse(Whitespace().Replace(text, ""), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>A two-column count table (label, number of projects) in the page's order; empty when the page has no such table.</summary>
    private static List<(string Label, int Count)> CountRows(IDocument page, string caption) =>
        Rows(Table(page, caption)).Select(r => (r.First, Number(r["Projekt"]))).ToList();

    private static List<string> Summary(IDocument page) => page.QuerySelectorAll("ul.sums li").Select(li => SwedishText.Normalise(li.TextContent)).ToList();

    private static List<string> Notes(IDocument page) => page.QuerySelectorAll(".notice li").Select(li => li.ReadableText()).ToList();

    private static string SectionText(IDocument page, string id) => page.QuerySelector($"section#{id}")?.ReadableText()
        ?? throw new Xunit.Sdk.XunitException($"/statistik saknar avsnittet #{id}.");

    private static List<(T, int)> Sorted<T>(IEnumerable<(T, int)> rows) => rows.OrderBy(r => r.Item1?.ToString(), StringComparer.Ordinal).ToList();

    // ---- The numbers ----

    [Fact]
    public void The_seed_reading_selects_what_the_list_tests_pin()
    {
        // The expectations below rest on Selection; here it is held against lists the /projekt tests fix by hand.
        Assert.Equal(25, Selection("").Count);
        Assert.Equal(
            ["face-of-gallivare-2-0", "kompetensbanken", "kontroll-av-mobiltackningen", "omstallning-gallivare", "snolagring-ski-camp-gallivare"],
            Selection("q=G%C3%84LLIVARE").Select(p => p.Slug));
        Assert.Equal(["barkraft", "exportfokus"], Selection("q=Gold%20of%20Lapland").Select(p => p.Slug));
        Assert.Equal(["exportfokus", "mojligheternas-region", "nimr", "regai"], Selection("finansiar=eruf").Select(p => p.Slug));
        Assert.Equal(16, Selection("organisation=leader-polaris").Count);
        Assert.Equal(9, Selection("kommun=2418").Count);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task The_summary_counts_the_selected_projects_and_sums_their_budgets_per_currency(string query)
    {
        var selected = Selection(query);
        var budgets = selected.Select(Budget).OfType<string>().ToList();
        var without = selected.Count - budgets.Count;

        var page = await StatisticsAsync(query);

        var summary = Summary(page);
        Assert.Equal(2, summary.Count);
        Assert.Equal(Projekt(selected.Count), summary[0]);
        Assert.Equal($"Sammanlagd budget: {SwedishText.Sums(budgets)}" + (without > 0 ? $" ({Projekt(without)} utan angiven budget)" : ""), summary[1]);
        Assert.Empty(Notes(page));
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Projects_per_status_and_per_goal_area_are_counted_from_the_seed(string query)
    {
        var selected = Selection(query);
        // In the order of a project's life, only the statuses that occur.
        var statuses = SwedishText.StatusLabels
            .Select(s => (s.Value, selected.Count(p => p.Yaml.Get("status") == s.Key)))
            .Where(s => s.Item2 > 0).ToList();
        var goalAreas = selected.SelectMany(p => p.Yaml.Strings("malomraden").Distinct())
            .GroupBy(name => name).Select(g => (g.Key, g.Count())).ToList();

        var page = await StatisticsAsync(query);
        var full = await FullTableAsync(query, "malomraden");

        Assert.Equal(statuses, CountRows(page, "Projekt per status"));
        var shownGoalAreas = CountRows(full, "Projekt per målområde");
        Assert.Equal(shownGoalAreas.Take(Top), CountRows(page, "Projekt per målområde"));
        Assert.Equal(Sorted(goalAreas), Sorted(shownGoalAreas));
        Assert.Equal(shownGoalAreas.OrderByDescending(g => g.Count).Select(g => g.Count), shownGoalAreas.Select(g => g.Count));
        if (goalAreas.Count == 0)
            Assert.Contains("Inget av projekten hör till något målområde.", SectionText(page, "malomraden"), StringComparison.Ordinal);
        // Each row leads to the statistics of that status or goal area alone (within the other filters).
        Assert.All(Rows(Table(page, "Projekt per status")), r => Assert.StartsWith("/statistik?", r.Href, StringComparison.Ordinal));
        Assert.All(Rows(Table(full, "Projekt per målområde")), r => Assert.Contains(
            $"malomrade={SeedFiles.SlugOf(r["Målområde"])}", r.Href, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Projects_per_municipality_count_a_project_in_each_of_its_municipalities(string query)
    {
        var selected = Selection(query);
        var expected = selected.SelectMany(Codes).GroupBy(c => c)
            .Select(g => ($"{MunicipalityName(g.Key)} /kommuner/{g.Key}", g.Count())).ToList();

        var page = await StatisticsAsync(query);
        var full = await FullTableAsync(query, "kommuner");

        var rows = Rows(Table(full, "Projekt och budget per kommun"));
        Assert.Equal(Sorted(expected), Sorted(rows.Select(r => ($"{r["Kommun"]} {r.Href}", Number(r["Projekt"])))));
        // Most projects first: the overview's chart and table show the top of this list.
        var counts = rows.Select(r => Number(r["Projekt"])).ToList();
        Assert.Equal(counts.OrderByDescending(c => c), counts);
        Assert.Equal(rows.Take(Top).Select(r => (r.Href, r["Kommun"], r["Projekt"])),
            Rows(Table(page, "Projekt per kommun")).Select(r => (r.Href, r["Kommun"], r["Projekt"])));
        if (expected.Count > Top)
            Assert.Contains(page.QuerySelectorAll("section#kommuner a"), a => a.ReadableText() == $"Visa alla {expected.Count} kommuner med antal projekt och budget");
        if (expected.Count == 0)
            Assert.Contains("Inget av projekten anger någon kommun.", SectionText(page, "kommuner"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Projects_per_start_year_are_counted_and_those_without_a_start_are_told(string query)
    {
        var selected = Selection(query);
        var years = selected.Select(p => p.Yaml["period"]?.Get("start")).OfType<string>()
            .GroupBy(start => start.Trim()[..4]).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).ToList();
        var without = selected.Count(p => p.Yaml["period"]?.Get("start") is null);

        var page = await StatisticsAsync(query);

        Assert.Equal(years, CountRows(page, "Projekt per startår"));
        var text = SectionText(page, "startar");
        var sentence = $"{Projekt(without)} anger inget startår och räknas inte här.";
        if (without > 0) Assert.Contains(sentence, text, StringComparison.Ordinal);
        else Assert.DoesNotContain("anger inget startår", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Money_per_financier_is_the_sum_of_its_amounts_in_the_seed_per_currency(string query)
    {
        var selected = Selection(query);
        var currencies = Currencies(selected);
        var entries = selected.SelectMany(p => p.Yaml.List("finansiarer").Select(f => (Project: p.Slug, Slug: f.Get("organisation")!, Amount: f.Get("belopp")))).ToList();
        var expected = entries.GroupBy(e => e.Slug).Select(g =>
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Finansiär"] = OrganisationName(g.Key),
                ["Projekt"] = g.Select(e => e.Project).Distinct().Count().ToString(CultureInfo.InvariantCulture),
                ["Projekt utan belopp"] = g.Where(e => e.Amount is null).Select(e => e.Project).Distinct().Count().ToString(CultureInfo.InvariantCulture),
            };
            foreach (var c in currencies) cells[$"Belopp {c}"] = SumOrDash(g.Select(e => e.Amount).OfType<string>(), c);
            return (Href: $"/organisationer/{g.Key}", Cells: cells);
        }).OrderBy(f => f.Href, StringComparer.Ordinal).ToList();

        var page = await StatisticsAsync(query);
        var full = await FullTableAsync(query, "finansiarer");

        var table = Table(full, "Finansiärer: antal projekt och belopp per valuta");
        if (expected.Count == 0)
        {
            Assert.Null(table);
            Assert.Contains("Inget av projekten anger någon finansiär.", SectionText(page, "finansiarer"), StringComparison.Ordinal);
            return;
        }
        Assert.NotNull(table);
        Assert.Equal(["Finansiär", "Projekt", .. currencies.Select(c => $"Belopp {c}"), "Projekt utan belopp"], Header(table));
        var rows = Rows(table).OrderBy(r => r.Href, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(e => e.Href), rows.Select(r => r.Href));
        foreach (var (e, row) in expected.Zip(rows))
            Assert.Equal(e.Cells.OrderBy(c => c.Key, StringComparer.Ordinal), row.Cells.OrderBy(c => c.Key, StringComparer.Ordinal));
        var projectCounts = Rows(table).Select(r => Number(r["Projekt"])).ToList();
        Assert.Equal(projectCounts.OrderByDescending(c => c), projectCounts);
        // The overview's table is the top of the full one, cell for cell.
        Assert.Equal(Rows(table).Take(Top).Select(r => string.Join(" | ", r.Cells.Values)),
            Rows(Table(page, "Finansiärer: antal projekt och belopp per valuta")).Select(r => string.Join(" | ", r.Cells.Values)));
        if (expected.Count > Top)
        {
            Assert.Contains($"De {Top} finansiärer som finansierar flest projekt, av {expected.Count}, som tabell", SectionText(page, "finansiarer"), StringComparison.Ordinal);
            Assert.Contains(page.QuerySelectorAll("section#finansiarer a"), a => a.ReadableText() == $"Visa alla {expected.Count} finansiärer med antal projekt och belopp");
        }
        else if (expected.Count > 1)
            Assert.Contains($"Alla {expected.Count} finansiärer som tabell", SectionText(page, "finansiarer"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Budget_per_municipality_counts_each_projects_whole_budget_in_each_of_its_municipalities(string query)
    {
        var selected = Selection(query);
        // The full table has a column for each currency among the budgets (a financier's currency alone adds no column).
        var currencies = selected.Select(Budget).OfType<string>().Select(a => SwedishText.ParseAmount(a).Currency).Distinct()
            .OrderBy(c => Array.IndexOf(CurrencyOrder, c)).ToList();
        var expected = selected.Where(p => Budget(p) is not null)
            .SelectMany(p => Codes(p).Select(code => (Code: code, Budget: Budget(p)!)))
            .GroupBy(x => x.Code)
            .Select(g =>
            {
                var cells = new Dictionary<string, string>(StringComparer.Ordinal) { ["Kommun"] = MunicipalityName(g.Key) };
                foreach (var c in currencies) cells[$"Budget {c}"] = SumOrDash(g.Select(x => x.Budget), c);
                return (Href: $"/kommuner/{g.Key}", Cells: cells);
            }).OrderBy(m => m.Href, StringComparer.Ordinal).ToList();

        var page = await StatisticsAsync(query);
        var full = await FullTableAsync(query, "kommuner");

        if (expected.Count == 0)
        {
            Assert.Contains("Inget av projekten anger någon budget.", SectionText(page, "pengar-per-kommun"), StringComparison.Ordinal);
            Assert.All(Rows(Table(full, "Projekt och budget per kommun")), r => Assert.DoesNotContain(r.Cells, c => c.Key.StartsWith("Budget", StringComparison.Ordinal) && c.Value != "–"));
            return;
        }
        var table = Table(full, "Projekt och budget per kommun");
        Assert.NotNull(table);
        Assert.Equal(["Kommun", "Projekt", .. currencies.Select(c => $"Budget {c}")], Header(table));
        // Every municipality of the selection is a row; those whose projects give no budget have only dashes.
        var rows = Rows(table).Where(r => r.Cells.Any(c => c.Key.StartsWith("Budget", StringComparison.Ordinal) && c.Value != "–"))
            .OrderBy(r => r.Href, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(e => e.Href), rows.Select(r => r.Href));
        foreach (var (e, row) in expected.Zip(rows))
            Assert.Equal(e.Cells.OrderBy(c => c.Key, StringComparer.Ordinal), row.Cells.Where(c => c.Key != "Projekt").OrderBy(c => c.Key, StringComparer.Ordinal));
        // The overview has one chart per currency with its table: the largest budgets in that currency.
        foreach (var c in currencies)
        {
            var inCurrency = expected.Where(e => e.Cells[$"Budget {c}"] != "–").ToDictionary(e => e.Href, e => e.Cells[$"Budget {c}"]);
            var shown = Rows(Table(page, $"Budget per kommun i {CurrencyName(c)}"));
            Assert.Equal(Math.Min(Top, inCurrency.Count), shown.Count);
            Assert.All(shown, r => Assert.Equal(inCurrency[r.Href!], r[$"Budget {c}"]));
            var amounts = shown.Select(r => DisplayedMinorUnits(r[$"Budget {c}"])).ToList();
            Assert.Equal(amounts.OrderByDescending(a => a), amounts);
        }
    }

    [Theory]
    [InlineData("kommuner", "Projekt och budget per kommun")]
    [InlineData("finansiarer", "Finansiärer")]
    [InlineData("malomraden", "Projekt per målområde")]
    public async Task Each_full_table_is_a_page_of_its_own_that_leads_back_to_the_overview_of_the_same_selection(string view, string heading)
    {
        var page = await FullTableAsync("kommun=2418", view);

        Assert.Equal(heading, page.QuerySelector("h1")?.ReadableText());
        Assert.StartsWith($"{heading} (filtrerat urval)", page.Title, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/statistik?kommun=2418");
        Assert.Equal(Projekt(Selection("kommun=2418").Count) + " i urvalet", Summary(page)[0]);
    }

    [Fact]
    public async Task Kronor_and_euro_are_summed_apart_and_never_added_together()
    {
        var budgets = SeedDocuments.Projects.Select(Budget).OfType<string>().Select(SwedishText.ParseAmount).ToList();
        Assert.Contains(budgets, b => b.Currency == "SEK");
        Assert.Contains(budgets, b => b.Currency == "EUR");
        var sek = budgets.Where(b => b.Currency == "SEK").Sum(b => b.MinorUnits);
        var eur = budgets.Where(b => b.Currency == "EUR").Sum(b => b.MinorUnits);

        var page = await StatisticsAsync("");

        var summary = Summary(page)[1];
        Assert.StartsWith($"Sammanlagd budget: {SwedishText.Money(sek, "SEK")} och {SwedishText.Money(eur, "EUR")}", summary, StringComparison.Ordinal);
        var text = SwedishText.Normalise(page.Body!.TextContent);
        Assert.DoesNotContain(SwedishText.Money(sek + eur, "SEK"), text, StringComparison.Ordinal);
        Assert.DoesNotContain(SwedishText.Money(sek + eur, "EUR"), text, StringComparison.Ordinal);
        // One chart per currency, each speaking only of its own.
        var kronor = page.QuerySelector("#kommunbudget-SEK-alt")?.ReadableText();
        var euro = page.QuerySelector("#kommunbudget-EUR-alt")?.ReadableText();
        Assert.NotNull(kronor);
        Assert.NotNull(euro);
        Assert.StartsWith("Stapeldiagram, budget per kommun i kronor.", kronor, StringComparison.Ordinal);
        Assert.StartsWith("Stapeldiagram, budget per kommun i euro.", euro, StringComparison.Ordinal);
        Assert.DoesNotContain("€", kronor, StringComparison.Ordinal);
        Assert.DoesNotContain(" kr", euro, StringComparison.Ordinal);
        Assert.Contains(Rows(Table(await FullTableAsync("", "kommuner"), "Projekt och budget per kommun")), r => r["Budget SEK"] != "–" && r["Budget EUR"] != "–");
    }

    [Fact]
    public async Task Every_chart_has_a_text_alternative_with_its_numbers_and_a_table()
    {
        var page = await StatisticsAsync("");

        var charts = page.QuerySelectorAll("svg.chart").ToList();
        Assert.True(charts.Count >= 6, $"Bara {charts.Count} diagram.");
        foreach (var chart in charts)
        {
            Assert.Equal("img", chart.GetAttribute("role"));
            var title = chart.QuerySelector("title");
            Assert.NotNull(title);
            Assert.Equal(title.Id, chart.GetAttribute("aria-labelledby"));
            Assert.StartsWith("Stapeldiagram, ", title.ReadableText(), StringComparison.Ordinal);
            // The numbers are also a table, in the same section, for those who cannot read the picture.
            Assert.NotNull(chart.Closest("section")?.QuerySelector("details table"));
        }
        var statusAlt = page.QuerySelector("#status-chart-alt")!.ReadableText();
        foreach (var (label, count) in CountRows(page, "Projekt per status"))
            Assert.Contains($"{label}: {Projekt(count)}", statusAlt, StringComparison.Ordinal);
        var yearAlt = page.QuerySelector("#startar-chart-alt")!.ReadableText();
        foreach (var (year, count) in CountRows(page, "Projekt per startår"))
            Assert.Contains($"{year}: {Projekt(count)}", yearAlt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_no_project_has_shows_zero_and_says_so_in_every_section()
    {
        Assert.Empty(Selection("status=beviljat"));

        var page = await StatisticsAsync("status=beviljat");

        Assert.Equal(["0 projekt", "Sammanlagd budget: Inga belopp angivna"], Summary(page));
        Assert.Contains("Inget av projekten anger någon kommun.", SectionText(page, "kommuner"), StringComparison.Ordinal);
        Assert.Contains("Inget av projekten hör till något målområde.", SectionText(page, "malomraden"), StringComparison.Ordinal);
        Assert.Contains("Inget av projekten anger någon finansiär.", SectionText(page, "finansiarer"), StringComparison.Ordinal);
        Assert.Contains("Inget av projekten anger någon budget.", SectionText(page, "pengar-per-kommun"), StringComparison.Ordinal);
        var areas = MapAreas(page);
        Assert.Equal(290, areas.Count);
        Assert.All(areas, a => Assert.Equal((0, 0), (a.Count, a.Shade)));
        Assert.Empty(Markers(page));
    }

    // ---- The map ----

    private sealed record MapArea(string Code, string Href, string Title, string Name, int Count, int Shade, string PathData);

    private sealed record Marker(string Href, string Title, string Class, double X, double Y);

    private static IElement Map(IDocument page) => page.QuerySelector("svg.map") ?? throw new Xunit.Sdk.XunitException("/statistik har ingen karta.");

    private static List<MapArea> MapAreas(IDocument page) =>
        Map(page).QuerySelectorAll("a").Where(a => a.QuerySelector("path") is not null).Select(a =>
        {
            var href = a.GetAttribute("href") ?? "";
            var title = a.QuerySelector("title")?.ReadableText() ?? "";
            var match = AreaTitle().Match(title);
            Assert.True(match.Success, $"Kommunen {href} har titeln ”{title}”, inte ”Namn: N projekt”.");
            var shade = ShadeClass().Match(a.QuerySelector("path")!.GetAttribute("class") ?? "");
            Assert.True(shade.Success, $"Kommunen {href} har ingen nyans s0–s4.");
            return new MapArea(href.Split('/')[^1], href, title, match.Groups[1].Value, Number(match.Groups[2].Value),
                int.Parse(shade.Groups[1].Value, CultureInfo.InvariantCulture), a.QuerySelector("path")!.GetAttribute("d") ?? "");
        }).ToList();

    private static List<Marker> Markers(IDocument page) =>
        Map(page).QuerySelectorAll("a").Where(a => a.QuerySelector("circle") is not null).Select(a =>
        {
            var circle = a.QuerySelector("circle")!;
            return new Marker(a.GetAttribute("href") ?? "", a.QuerySelector("title")?.ReadableText() ?? "", circle.GetAttribute("class") ?? "",
                double.Parse(circle.GetAttribute("cx")!, CultureInfo.InvariantCulture), double.Parse(circle.GetAttribute("cy")!, CultureInfo.InvariantCulture));
        }).ToList();

    /// <summary>The box around a municipality's outline: "M12 30l3 -1 0 4z" is a start point and relative moves.</summary>
    private static (double MinX, double MinY, double MaxX, double MaxY) BoxOf(string pathData)
    {
        var xs = new List<int>();
        var ys = new List<int>();
        foreach (Match ring in PathRing().Matches(pathData))
        {
            var x = int.Parse(ring.Groups[1].Value, CultureInfo.InvariantCulture);
            var y = int.Parse(ring.Groups[2].Value, CultureInfo.InvariantCulture);
            xs.Add(x);
            ys.Add(y);
            // A minus sign also separates two numbers ("3-1"), as SVG allows.
            var moves = PathNumber().Matches(ring.Groups[3].Value).Select(n => int.Parse(n.Value, CultureInfo.InvariantCulture)).ToList();
            for (var i = 0; i + 1 < moves.Count; i += 2)
            {
                xs.Add(x += moves[i]);
                ys.Add(y += moves[i + 1]);
            }
        }
        Assert.NotEmpty(xs);
        return (xs.Min(), ys.Min(), xs.Max(), ys.Max());
    }

    [Fact]
    public async Task The_map_links_all_290_municipalities_with_the_counts_of_the_table()
    {
        var expected = SeedDocuments.Projects.SelectMany(Codes).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

        var page = await StatisticsAsync("");

        var areas = MapAreas(page);
        Assert.Equal(290, areas.Count);
        Assert.All(areas, a => Assert.Matches("^/kommuner/[0-9]{4}$", a.Href));
        Assert.Equal(SeedDocuments.Municipalities.Select(m => m.Code).Order(StringComparer.Ordinal), areas.Select(a => a.Code).Order(StringComparer.Ordinal));
        var table = Rows(Table(await FullTableAsync("", "kommuner"), "Projekt och budget per kommun")).ToDictionary(r => r.Href!.Split('/')[^1], r => Number(r["Projekt"]));
        foreach (var area in areas)
        {
            Assert.Equal(MunicipalityName(area.Code), area.Name);
            Assert.Equal(expected.GetValueOrDefault(area.Code), area.Count);
            Assert.Equal(table.GetValueOrDefault(area.Code), area.Count);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("organisation=leader-polaris")]
    [InlineData("organisation=mala-kommun")]
    [InlineData("status=avslutat")]
    [InlineData("kommun=2510&kommun=2513")]
    public async Task Only_municipalities_without_projects_are_unshaded_and_more_projects_are_never_lighter(string query)
    {
        var selected = Selection(query);
        var counts = selected.SelectMany(Codes).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

        var areas = MapAreas(await StatisticsAsync(query));

        Assert.All(areas, a => Assert.Equal(counts.GetValueOrDefault(a.Code), a.Count));
        Assert.All(areas, a => Assert.True(a.Count == 0 == (a.Shade == 0), $"{a.Name}: {a.Count} projekt men nyans s{a.Shade}."));
        Assert.All(areas, a => Assert.InRange(a.Shade, 0, 4));
        foreach (var a in areas)
            foreach (var b in areas.Where(b => b.Count > a.Count))
                Assert.True(b.Shade >= a.Shade, $"{b.Name} ({b.Count} projekt, s{b.Shade}) är ljusare än {a.Name} ({a.Count} projekt, s{a.Shade}).");
        if (counts.Count > 0)
            Assert.All(areas.Where(a => a.Count == counts.Values.Max()), a => Assert.Equal(4, a.Shade));
    }

    [Theory]
    [InlineData("leader-polaris", "Kartan visar Leader Polaris område.")]
    [InlineData("mala-kommun", "Kartan visar Malå kommuns område.")]
    public async Task A_publishers_map_is_zoomed_to_its_area_and_says_so(string publisher, string sentence)
    {
        var area = Publisher(publisher).Strings("kommuner");
        Assert.NotEmpty(area);
        var counts = Selection($"organisation={publisher}").SelectMany(Codes).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

        var page = await StatisticsAsync($"organisation={publisher}");

        var map = Map(page);
        Assert.Contains("map--zoomed", map.ClassList);
        var areas = MapAreas(page);
        Assert.InRange(areas.Count, area.Count, 289);
        Assert.Subset(areas.Select(a => a.Code).ToHashSet(), area.ToHashSet());
        Assert.All(areas, a => Assert.Equal(counts.GetValueOrDefault(a.Code), a.Count));
        var text = page.QuerySelector("section#karta")!.ReadableText();
        Assert.Contains(sentence, text, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("section#karta a"), a => a.ReadableText() == "Visa hela Sverige" && a.GetAttribute("href") == "/statistik");
        var country = await StatisticsAsync("");
        Assert.Equal(290, MapAreas(country).Count);
        Assert.DoesNotContain("map--zoomed", Map(country).ClassList);
        Assert.DoesNotContain("Kartan visar", country.QuerySelector("section#karta")!.ReadableText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_municipalities_zooms_the_map_to_them()
    {
        var page = await StatisticsAsync("kommun=2510&kommun=2513");

        var areas = MapAreas(page);
        Assert.Contains("map--zoomed", Map(page).ClassList);
        Assert.InRange(areas.Count, 2, 289);
        Assert.Contains(areas, a => a.Code == "2510");
        Assert.Contains(areas, a => a.Code == "2513");
        Assert.Contains("Kartan visar de valda kommunerna.", page.QuerySelector("section#karta")!.ReadableText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kommun=0000")]
    [InlineData("kommun=9999")]
    public async Task A_municipality_code_that_does_not_exist_leaves_the_whole_country_without_claiming_a_zoom(string query)
    {
        var page = await StatisticsAsync(query);

        Assert.Equal(290, MapAreas(page).Count);
        Assert.DoesNotContain("map--zoomed", Map(page).ClassList);
        // The map shows all of Sweden, so it must not tell the reader it shows the chosen municipalities.
        Assert.DoesNotContain("Kartan visar de valda kommunerna", page.QuerySelector("section#karta")!.ReadableText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("organisation=leader-polaris")]
    [InlineData("status=pagaende")]
    [InlineData("status=vantar-pa-beslut")]
    [InlineData("kommun=2510")]
    [InlineData("kommun=2418")]
    [InlineData("organisation=mala-kommun")]
    public async Task Each_seed_place_with_coordinates_is_a_marker_linking_to_its_project_coloured_by_status(string query)
    {
        var selected = Selection(query);
        var expected = selected.SelectMany(p => Places(p).Where(x => x.HasCoordinates)
                .Select(x => $"/projekt/{p.Slug} | {x.Name}: {p.Yaml.Get("titel")} ({SwedishText.StatusLabels[p.Yaml.Get("status")!]}) | marker marker--{p.Yaml.Get("status")}"))
            .Order(StringComparer.Ordinal).ToList();

        var page = await StatisticsAsync(query);

        var markers = Markers(page);
        Assert.Equal(expected, markers.Select(m => $"{m.Href} | {m.Title} | {m.Class}").Order(StringComparer.Ordinal));
        // The same places as a table, for those who do not see the map.
        var rows = Rows(page.QuerySelector("section#karta table")).Select(r => $"{r.Href} | {r["Ort"]} | {r["Projekt"]} | {r["Status"]}").Order(StringComparer.Ordinal);
        var expectedRows = selected.SelectMany(p => Places(p).Where(x => x.HasCoordinates)
            .Select(x => $"/projekt/{p.Slug} | {x.Name} | {p.Yaml.Get("titel")} | {SwedishText.StatusLabels[p.Yaml.Get("status")!]}")).Order(StringComparer.Ordinal);
        Assert.Equal(expectedRows, rows);
        Assert.Equal(expected.Count > 0, page.QuerySelectorAll("section#karta h3").Any(h => h.ReadableText() == "Orter på kartan"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("organisation=leader-polaris")]
    public async Task A_marker_lies_in_its_projects_municipality_on_the_map(string query)
    {
        var page = await StatisticsAsync(query);
        var areas = MapAreas(page).ToDictionary(a => a.Code);
        var viewBox = Map(page).GetAttribute("viewBox")!.Split(' ').Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        var markers = Markers(page);
        Assert.NotEmpty(markers);

        foreach (var marker in markers)
        {
            Assert.InRange(marker.X, 0, viewBox[2]);
            Assert.InRange(marker.Y, 0, viewBox[3]);
            var project = Project(marker.Href.Split('/')[^1]);
            var code = Assert.Single(Codes(project));
            // Markers on one spot are set in a ring round it, at most 14 units away.
            var (minX, minY, maxX, maxY) = BoxOf(areas[code].PathData);
            Assert.True(marker.X >= minX - 14 && marker.X <= maxX + 14 && marker.Y >= minY - 14 && marker.Y <= maxY + 14,
                $"{marker.Title} ({marker.X}, {marker.Y}) ligger utanför {areas[code].Name} ({minX}–{maxX}, {minY}–{maxY}).");
        }
    }

    [Fact]
    public async Task A_place_without_coordinates_has_no_marker()
    {
        var project = Project("soutujarvibygden-servicekontor");
        var place = Assert.Single(Places(project));
        Assert.False(place.HasCoordinates);

        var page = await StatisticsAsync("");

        Assert.DoesNotContain(Markers(page), m => m.Href == $"/projekt/{project.Slug}" || m.Title.StartsWith(place.Name, StringComparison.Ordinal));
        Assert.DoesNotContain(place.Name, page.QuerySelector("section#karta table")!.ReadableText(), StringComparison.Ordinal);
    }

    // ---- Filters and what makes no sense ----

    [Fact]
    public async Task A_status_filter_leaves_only_that_status_in_every_count()
    {
        var selected = Selection("status=avslutat");
        Assert.NotEmpty(selected);

        var page = await StatisticsAsync("status=avslutat");

        Assert.Equal([("Avslutat", selected.Count)], CountRows(page, "Projekt per status"));
        Assert.Equal(Projekt(selected.Count), Summary(page)[0]);
        Assert.True(page.QuerySelector("form.filters input[name=status][value=avslutat]")!.HasAttribute("checked"));
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/projekt?status=avslutat");
        Assert.Empty(Markers(page));
    }

    [Fact]
    public async Task The_filter_form_sends_its_choices_back_to_the_statistics()
    {
        var page = await StatisticsAsync("");
        var form = Assert.IsAssignableFrom<AngleSharp.Html.Dom.IHtmlFormElement>(page.QuerySelector("form.filters"));
        Assert.Equal("/statistik", form.GetAttribute("action"));
        Assert.IsAssignableFrom<AngleSharp.Html.Dom.IHtmlInputElement>(form.QuerySelector("input[name=kommun][value='2523']")).IsChecked = true;

        var result = await _client.SubmitAsync(form);

        Assert.Equal(Projekt(Selection("kommun=2523").Count), Summary(result)[0]);
        Assert.True(result.QuerySelector("input[name=kommun][value='2523']")!.HasAttribute("checked"));
    }

    [Theory]
    [MemberData(nameof(HostileQueries.Ignored), MemberType = typeof(HostileQueries))]
    public async Task A_value_that_makes_no_sense_is_ignored_with_a_Swedish_note(string query, int expectedCount)
    {
        var page = await StatisticsAsync(query);

        Assert.Equal(Projekt(expectedCount), Summary(page)[0]);
        Assert.NotEmpty(MapAreas(page));
        var notes = Notes(page);
        // The statistics are not paged: a page number that exists on /projekt is simply not needed here.
        if (!ValidPageNumber().IsMatch(query)) Assert.NotEmpty(notes);
        Assert.All(notes, note => Assert.Matches(SwedishNote(), note));
    }

    [Theory]
    [MemberData(nameof(HostileQueries.EmptyOrRepeated), MemberType = typeof(HostileQueries))]
    [MemberData(nameof(HostileQueries.Junk), MemberType = typeof(HostileQueries))]
    public async Task Junk_empty_and_repeated_parameters_are_answered_without_error(string query)
    {
        var page = await StatisticsAsync(query);

        Assert.Matches(@"^\d+ projekt$", Summary(page)[0]);
        Assert.NotEmpty(MapAreas(page));
        Assert.All(Notes(page), note => Assert.Matches(SwedishNote(), note));
    }

    [Fact]
    public async Task A_search_of_3000_characters_is_cut_to_200_with_a_note()
    {
        var page = await StatisticsAsync($"q={Uri.EscapeDataString(HostileQueries.LongSearch)}");

        Assert.Contains(Notes(page), n => n.Contains("200 tecken", StringComparison.Ordinal));
        Assert.Equal(Projekt(Selection("q=gallivare").Count), Summary(page)[0]);
    }

    [Fact]
    public async Task Many_repeated_values_are_answered_with_notes()
    {
        var page = await StatisticsAsync(HostileQueries.ManyRepeatedValues);

        Assert.NotEmpty(Notes(page));
        Assert.All(Notes(page), note => Assert.Matches(SwedishNote(), note));
    }

    [Fact]
    public async Task Markup_in_a_parameter_is_shown_as_text()
    {
        using var response = await _client.GetAsync(new Uri($"/statistik?{HostileQueries.Markup}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);

        var page = await StatisticsAsync(HostileQueries.Markup);

        Assert.Empty(page.QuerySelectorAll("script, img[onerror]"));
        Assert.Contains(Notes(page), n => n.Contains("<script>alert(1)</script>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_whole_country_page_stays_under_160_kB()
    {
        using var response = await _client.GetAsync(new Uri("/statistik", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.True(bytes.Length < 160_000, $"/statistik är {bytes.Length / 1000} kB okomprimerad.");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(.+): (\d[\d\s]*) projekt$")]
    private static partial Regex AreaTitle();

    [GeneratedRegex(@"^s([0-9])$")]
    private static partial Regex ShadeClass();

    [GeneratedRegex(@"M(-?\d+) (-?\d+)l([^zM]*)z")]
    private static partial Regex PathRing();

    [GeneratedRegex(@"-?[0-9]+")]
    private static partial Regex PathNumber();

    [GeneratedRegex(@"^sida=([1-9][0-9]{0,4}|100000)$")]
    private static partial Regex ValidPageNumber();

    /// <summary>A note a Swedish reader understands: it says what was not used or does not exist.</summary>
    [GeneratedRegex("inte|ingen|inget|finns|kortats")]
    private static partial Regex SwedishNote();
}
