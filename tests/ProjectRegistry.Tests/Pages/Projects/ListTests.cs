using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Pages.Projects;

[Collection(SeededApp.Name)]
public partial class ListTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    public static TheoryData<string> SeedStatuses => Data(SeedFiles.Projects.Select(p => p.Status));

    public static TheoryData<string> SeedMunicipalities => Data(SeedFiles.Projects.SelectMany(p => p.Municipalities));

    public static TheoryData<string> SeedFinanciers => Data(SeedFiles.Projects.SelectMany(p => p.Financiers));

    public static TheoryData<string> SeedGoalAreas => Data(SeedFiles.Projects.SelectMany(p => p.GoalAreas).Select(SeedFiles.SlugOf));

    private static TheoryData<string> Data(IEnumerable<string> values)
    {
        var data = new TheoryData<string>();
        foreach (var value in values.Distinct().Order(StringComparer.Ordinal)) data.Add(value);
        return data;
    }

    private static List<string> Slugs(IDocument page) =>
        page.QuerySelectorAll("li.project-card h3 a")
            .Select(a => a.GetAttribute("href")!)
            .Select(href => href.StartsWith("/projekt/", StringComparison.Ordinal) ? href["/projekt/".Length..] : href)
            .ToList();

    private static int ResultCount(IDocument page)
    {
        var heading = page.QuerySelector("#result-heading");
        Assert.NotNull(heading);
        var match = LeadingNumber().Match(heading.ReadableText());
        Assert.True(match.Success, $"Rubriken ”{heading.ReadableText()}” börjar inte med ett antal.");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static List<string> Notes(IDocument page) => page.QuerySelectorAll(".notice li").Select(li => li.ReadableText()).ToList();

    /// <summary>The number a checkbox facet shows for one value, read from its label "Gällivare (5)".</summary>
    private static int CheckboxCount(IDocument page, string name, string value)
    {
        var input = page.QuerySelectorAll($"input[name='{name}']:not([type=hidden])").SingleOrDefault(i => i.GetAttribute("value") == value);
        Assert.True(input is not null, $"Filtret {name} har inget val {value}.");
        var label = input.Closest("label");
        Assert.NotNull(label);
        return TrailingCount(label.ReadableText());
    }

    private static int OptionCount(IDocument page, string selectId, string value)
    {
        var option = page.QuerySelectorAll($"#{selectId} option").SingleOrDefault(o => o.GetAttribute("value") == value);
        Assert.True(option is not null, $"Listan #{selectId} har inget val {value}.");
        return TrailingCount(option.ReadableText());
    }

    private static int TrailingCount(string label)
    {
        var match = TrailingNumber().Match(label);
        Assert.True(match.Success, $"”{label}” slutar inte med ett antal inom parentes.");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Every project the list shows for a query, following the pages.</summary>
    private async Task<List<string>> AllSlugsAsync(string query)
    {
        var first = await _client.GetPageAsync($"/projekt?{query}");
        var total = ResultCount(first);
        var slugs = Slugs(first);
        for (var page = 2; slugs.Count < total && page <= 20; page++)
            slugs.AddRange(Slugs(await _client.GetPageAsync($"/projekt?{query}&sida={page}")));
        Assert.Equal(total, slugs.Count);
        return slugs;
    }

    private async Task<List<string>> TitlesAsync(string query)
    {
        var titles = new List<string>();
        for (var n = 1; n <= 2; n++)
        {
            var page = await _client.GetPageAsync($"/projekt?{query}&sida={n}");
            titles.AddRange(page.QuerySelectorAll("li.project-card h3 a").Select(a => a.ReadableText()));
        }
        return titles;
    }

    private static List<string> Sorted(IEnumerable<string> slugs) => slugs.Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task The_unfiltered_list_shows_all_25_projects_twenty_to_a_page()
    {
        var first = await _client.GetPageAsync("/projekt");
        var second = await _client.GetPageAsync("/projekt?sida=2");

        Assert.Equal(25, ResultCount(first));
        Assert.StartsWith("25 projekt", first.QuerySelector("#result-heading")!.ReadableText(), StringComparison.Ordinal);
        Assert.Equal(20, Slugs(first).Count);
        Assert.Equal(5, Slugs(second).Count);
        Assert.Empty(Slugs(first).Intersect(Slugs(second)));
        Assert.Equal(SeedFiles.Slugs(_ => true), Sorted(Slugs(first).Concat(Slugs(second))));
        Assert.Empty(Notes(first));
        Assert.Empty(Notes(second));
    }

    [Fact]
    public async Task The_pager_links_to_the_second_page_and_back()
    {
        var first = await _client.GetPageAsync("/projekt");
        var second = await _client.GetPageAsync("/projekt?sida=2");

        Assert.Equal("/projekt?sida=2", first.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href"));
        Assert.Null(first.QuerySelector("nav.pager a[rel=prev]"));
        Assert.Equal("/projekt", second.QuerySelector("nav.pager a[rel=prev]")?.GetAttribute("href"));
        Assert.Null(second.QuerySelector("nav.pager a[rel=next]"));
        Assert.Equal("2", second.QuerySelector("nav.pager [aria-current=page]")?.ReadableText());
    }

    [Theory]
    [MemberData(nameof(SeedStatuses))]
    public async Task Filtering_by_status_lists_exactly_the_projects_with_that_status(string status)
    {
        var expected = SeedFiles.Slugs(p => p.Status == status);

        var page = await _client.GetPageAsync($"/projekt?status={status}");

        Assert.Equal(expected, Sorted(Slugs(page)));
        Assert.Equal(expected.Count, ResultCount(page));
        Assert.Equal(expected.Count, CheckboxCount(page, "status", status));
        Assert.True(page.QuerySelector($"input[name=status][value='{status}']")!.HasAttribute("checked"));
        Assert.Empty(Notes(page));
    }

    [Theory]
    [MemberData(nameof(SeedMunicipalities))]
    public async Task Filtering_by_municipality_lists_only_its_projects(string code)
    {
        var expected = SeedFiles.Slugs(p => p.Municipalities.Contains(code));

        var page = await _client.GetPageAsync($"/projekt?kommun={code}");

        Assert.Equal(expected, Sorted(Slugs(page)));
        Assert.Equal(expected.Count, ResultCount(page));
        Assert.Equal(expected.Count, CheckboxCount(page, "kommun", code));
        Assert.True(page.QuerySelector($"input[name=kommun][value='{code}']")!.HasAttribute("checked"));
        Assert.Empty(Notes(page));
    }

    [Fact]
    public async Task The_unfiltered_facets_count_what_the_seed_files_hold()
    {
        var page = await _client.GetPageAsync("/projekt");

        foreach (var status in SeedFiles.Projects.Select(p => p.Status).Distinct())
            Assert.Equal(SeedFiles.Projects.Count(p => p.Status == status), CheckboxCount(page, "status", status));
        var seedCodes = SeedFiles.Projects.SelectMany(p => p.Municipalities).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var code in seedCodes)
            Assert.Equal(SeedFiles.Projects.Count(p => p.Municipalities.Contains(code)), CheckboxCount(page, "kommun", code));
        // Municipalities without projects would only be noise among 290.
        Assert.Equal(seedCodes, page.QuerySelectorAll("input[name=kommun]:not([type=hidden])").Select(i => i.GetAttribute("value")!).Order(StringComparer.Ordinal));
        Assert.Equal(16, OptionCount(page, "organisation", "leader-polaris"));
        Assert.Equal(9, OptionCount(page, "organisation", "mala-kommun"));
        Assert.Empty(page.QuerySelectorAll("input[type=checkbox][checked]:not([name=kolumner])"));
    }

    [Fact]
    public async Task A_status_no_project_has_gives_an_empty_list_with_advice()
    {
        Assert.DoesNotContain(SeedFiles.Projects, p => p.Status == "beviljat");

        var page = await _client.GetPageAsync("/projekt?status=beviljat");

        Assert.Equal(0, ResultCount(page));
        Assert.Empty(Slugs(page));
        Assert.Contains("Inga projekt matchar", page.QuerySelector("main")!.ReadableText(), StringComparison.Ordinal);
        Assert.Equal("/projekt", page.QuerySelector(".filters a[href='/projekt']")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("vantar-pa-beslut", "2523")]
    [InlineData("pagaende", "2510")]
    [InlineData("avslutat", "2418")]
    [InlineData("avslutat", "2523")]
    [InlineData("slutredovisat", "2510")]
    public async Task Status_and_municipality_together_list_projects_with_both(string status, string code)
    {
        var expected = SeedFiles.Slugs(p => p.Status == status && p.Municipalities.Contains(code));

        var page = await _client.GetPageAsync($"/projekt?status={status}&kommun={code}");

        Assert.Equal(expected, Sorted(Slugs(page)));
        Assert.Equal(expected.Count, ResultCount(page));
    }

    [Fact]
    public async Task Two_values_of_one_filter_list_projects_with_either()
    {
        var statuses = await _client.GetPageAsync("/projekt?status=pagaende&status=slutredovisat");
        var municipalities = await _client.GetPageAsync("/projekt?kommun=2510&kommun=2513");

        Assert.Equal(SeedFiles.Slugs(p => p.Status is "pagaende" or "slutredovisat"), Sorted(Slugs(statuses)));
        Assert.Equal(SeedFiles.Slugs(p => p.Municipalities.Contains("2510") || p.Municipalities.Contains("2513")), Sorted(Slugs(municipalities)));
    }

    [Theory]
    [InlineData("mala-kommun", 9, "Avslutade projekt – Malå kommun")]
    [InlineData("leader-polaris", 16, "Beviljade projekt – Leader Polaris")]
    public async Task Filtering_by_publisher_shows_its_own_list_under_its_own_heading(string publisher, int count, string heading)
    {
        var expected = SeedFiles.Slugs(p => p.Publisher == publisher);

        var page = await _client.GetPageAsync($"/projekt?organisation={publisher}");

        Assert.Equal(count, expected.Count);
        Assert.Equal(expected, Sorted(await AllSlugsAsync($"organisation={publisher}")));
        Assert.Equal(count, ResultCount(page));
        Assert.Equal(heading, page.QuerySelector("h1")?.ReadableText());
        Assert.True(page.QuerySelectorAll("#organisation option").Single(o => o.GetAttribute("value") == publisher).HasAttribute("selected"));
        Assert.Equal(count, OptionCount(page, "organisation", publisher));
    }

    [Fact]
    public async Task Submitting_the_filter_form_applies_the_chosen_filters()
    {
        var page = await _client.GetPageAsync("/projekt");
        var form = Assert.IsAssignableFrom<IHtmlFormElement>(page.QuerySelector("form.filters"));
        Assert.IsAssignableFrom<IHtmlInputElement>(form.QuerySelector("input[name=status][value=pagaende]")).IsChecked = true;
        Assert.IsAssignableFrom<IHtmlInputElement>(form.QuerySelector("input[name=kommun][value='2523']")).IsChecked = true;
        Assert.IsAssignableFrom<IHtmlInputElement>(form.QuerySelector("input#q")).Value = "Ski";
        Assert.IsAssignableFrom<IHtmlSelectElement>(form.QuerySelector("select#sortering")).Value = "titel";

        var result = await _client.SubmitAsync(form);

        Assert.Equal(["snolagring-ski-camp-gallivare"], Slugs(result));
        Assert.True(result.QuerySelector("input[name=status][value=pagaende]")!.HasAttribute("checked"));
        Assert.True(result.QuerySelector("input[name=kommun][value='2523']")!.HasAttribute("checked"));
        Assert.Equal("Ski", result.QuerySelector("input#q")?.GetAttribute("value"));
        Assert.Empty(Notes(result));
    }

    [Fact]
    public async Task Submitting_the_form_with_everything_open_lists_all_projects()
    {
        var page = await _client.GetPageAsync("/projekt?status=pagaende&organisation=leader-polaris");
        var form = Assert.IsAssignableFrom<IHtmlFormElement>(page.QuerySelector("form.filters"));
        Assert.IsAssignableFrom<IHtmlInputElement>(form.QuerySelector("input[name=status][value=pagaende]")).IsChecked = false;
        Assert.IsAssignableFrom<IHtmlSelectElement>(form.QuerySelector("select#organisation")).Value = "";

        var result = await _client.SubmitAsync(form);

        Assert.Equal(25, ResultCount(result));
        Assert.Empty(Notes(result));
    }

    [Fact]
    public async Task Removing_one_filter_keeps_the_others()
    {
        var page = await _client.GetPageAsync("/projekt?status=pagaende&q=g%C3%A4llivare");
        var removeStatus = page.QuerySelectorAll(".active-filters a").Single(a => a.ReadableText().StartsWith("Pågående", StringComparison.Ordinal));

        var after = await _client.GetPageAsync(removeStatus.GetAttribute("href")!);

        Assert.Equal(5, ResultCount(after));
        Assert.Equal("gällivare", after.QuerySelector("input#q")?.GetAttribute("value"));
        Assert.Empty(after.QuerySelectorAll("input[name=status][checked]"));
    }

    [Fact]
    public async Task Asking_for_a_page_past_the_end_shows_the_first_and_says_how_many_there_are()
    {
        var page = await _client.GetPageAsync("/projekt?status=avslutat&sida=2");

        Assert.Equal(SeedFiles.Slugs(p => p.Status == "avslutat"), Sorted(Slugs(page)));
        var note = Assert.Single(Notes(page));
        Assert.Contains("Sidan 2 finns inte", note, StringComparison.Ordinal);
        Assert.Contains("1 sida", note, StringComparison.Ordinal);
        Assert.DoesNotContain("1 sidor", note, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SeedFinanciers))]
    public async Task Filtering_by_financier_lists_the_projects_it_cofinances(string financier)
    {
        var expected = SeedFiles.Slugs(p => p.Financiers.Contains(financier));

        var page = await _client.GetPageAsync($"/projekt?finansiar={financier}");

        Assert.Equal(expected, Sorted(await AllSlugsAsync($"finansiar={financier}")));
        Assert.Equal(expected.Count, OptionCount(page, "finansiar", financier));
    }

    [Fact]
    public async Task Filtering_by_the_regional_fund_lists_its_four_projects()
    {
        var page = await _client.GetPageAsync("/projekt?finansiar=eruf");

        Assert.Equal(["exportfokus", "mojligheternas-region", "nimr", "regai"], Sorted(Slugs(page)));
        Assert.Equal(4, OptionCount(page, "finansiar", "eruf"));
    }

    [Theory]
    [MemberData(nameof(SeedGoalAreas))]
    public async Task Filtering_by_goal_area_lists_the_projects_that_serve_it(string goalArea)
    {
        var expected = SeedFiles.Slugs(p => p.GoalAreas.Select(SeedFiles.SlugOf).Contains(goalArea));

        var page = await _client.GetPageAsync($"/projekt?malomrade={goalArea}");

        Assert.Equal(expected, Sorted(Slugs(page)));
        Assert.Equal(expected.Count, OptionCount(page, "malomrade", goalArea));
    }

    [Fact]
    public async Task Publisher_and_financier_and_goal_area_combine()
    {
        const string goalArea = "platsbaserad-naringslivsutveckling";
        var page = await _client.GetPageAsync($"/projekt?organisation=mala-kommun&finansiar=eruf&malomrade={goalArea}");

        Assert.Equal(
            SeedFiles.Slugs(p => p.Publisher == "mala-kommun" && p.Financiers.Contains("eruf") && p.GoalAreas.Select(SeedFiles.SlugOf).Contains(goalArea)),
            Sorted(Slugs(page)));
        // Each financier's count is what choosing it instead would give, with the other filters kept.
        var others = SeedFiles.Projects.Where(p => p.Publisher == "mala-kommun" && p.GoalAreas.Select(SeedFiles.SlugOf).Contains(goalArea)).ToList();
        foreach (var financier in others.SelectMany(p => p.Financiers).Distinct())
            Assert.Equal(others.Count(p => p.Financiers.Contains(financier)), OptionCount(page, "finansiar", financier));
    }

    [Theory]
    [InlineData("gallivare", "face-of-gallivare-2-0,kompetensbanken,kontroll-av-mobiltackningen,omstallning-gallivare,snolagring-ski-camp-gallivare")]
    [InlineData("Gällivare", "face-of-gallivare-2-0,kompetensbanken,kontroll-av-mobiltackningen,omstallning-gallivare,snolagring-ski-camp-gallivare")]
    [InlineData("GÄLLIVARE", "face-of-gallivare-2-0,kompetensbanken,kontroll-av-mobiltackningen,omstallning-gallivare,snolagring-ski-camp-gallivare")]
    [InlineData("gallivare sno", "snolagring-ski-camp-gallivare")]
    [InlineData("inflyttning", "narvarmeverk-och-p-hem")]
    [InlineData("Gold of Lapland", "barkraft,exportfokus")]
    [InlineData("transferlösningar", "exportfokus")]
    [InlineData("nyanlanda", "sikt-2-0")]
    [InlineData("NiMR", "nimr")]
    [InlineData("malaborg", "forstudie-park-malaborg")]
    [InlineData("zzzinget", "")]
    public async Task Text_search_ignores_case_and_accents(string q, string expectedSlugs)
    {
        var expected = Sorted(expectedSlugs.Split(',', StringSplitOptions.RemoveEmptyEntries));

        var page = await _client.GetPageAsync($"/projekt?q={Uri.EscapeDataString(q)}");

        Assert.Equal(expected, Sorted(Slugs(page)));
        Assert.Equal(expected.Count, ResultCount(page));
        Assert.Equal(q, page.QuerySelector("input#q")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Status_and_search_together_narrow_the_list()
    {
        var page = await _client.GetPageAsync("/projekt?status=pagaende&q=gallivare");

        Assert.Equal(["face-of-gallivare-2-0", "kompetensbanken", "snolagring-ski-camp-gallivare"], Sorted(Slugs(page)));
        // With the status open, the search alone matches two more that wait for a decision.
        Assert.Equal(2, CheckboxCount(page, "status", "vantar-pa-beslut"));
    }

    [Theory]
    [InlineData("%25", "exportfokus")]
    [InlineData("_", "")]
    [InlineData("%22", "sikt-2-0")]
    [InlineData("'", "regai")]
    [InlineData("%5B", "")]
    public async Task Wildcards_and_quotes_in_a_search_are_plain_characters(string escapedQ, string expectedSlugs)
    {
        var expected = Sorted(expectedSlugs.Split(',', StringSplitOptions.RemoveEmptyEntries));

        var page = await _client.GetPageAsync($"/projekt?q={escapedQ}");

        Assert.Equal(expected, Sorted(Slugs(page)));
    }

    [Fact]
    public async Task Sorting_by_title_orders_A_to_Ö_as_in_Swedish()
    {
        var slugs = await AllSlugsAsync("sortering=titel");
        var titles = await TitlesAsync("sortering=titel");

        var swedish = StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: false);
        Assert.Equal(25, slugs.Count);
        Assert.Equal(titles.Order(swedish), titles);
    }

    [Fact]
    public async Task Filter_choices_are_listed_in_Swedish_alphabetical_order()
    {
        var page = await _client.GetPageAsync("/projekt");
        var swedish = StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: true);
        static string Name(string label) => TrailingNumber().Replace(label, "").Trim();

        var municipalities = page.QuerySelectorAll("input[name=kommun]:not([type=hidden])").Select(i => Name(i.Closest("label")!.ReadableText())).ToList();
        var financiers = page.QuerySelectorAll("#finansiar option[value]:not([value=''])").Select(o => Name(o.ReadableText())).ToList();

        Assert.Contains("Åsele", municipalities);
        Assert.Equal(municipalities.Order(swedish), municipalities);
        Assert.Equal("Överkalix", municipalities[^1]);
        Assert.Equal(financiers.Order(swedish), financiers);
    }

    [Fact]
    public async Task Sorting_by_start_puts_known_starts_first_newest_or_oldest()
    {
        string[] newestFirst =
        [
            "regai", "barkraft", "digitala-steget", "exportfokus", "nimr",
            "utveckling-naringslivet-mala-1-76", "forstudie-park-malaborg", "mojligheternas-region",
        ];
        string[] oldestFirst =
        [
            "mojligheternas-region", "forstudie-park-malaborg", "utveckling-naringslivet-mala-1-76",
            "exportfokus", "nimr", "digitala-steget", "barkraft", "regai",
        ];

        var newest = await AllSlugsAsync("sortering=start-nyast");
        var oldest = await AllSlugsAsync("sortering=start-aldst");

        Assert.Equal(newestFirst, newest.Take(8));
        Assert.Equal(oldestFirst, oldest.Take(8));
        Assert.Equal(25, newest.Count);
        Assert.Equal(25, oldest.Count);
    }

    [Fact]
    public async Task The_chosen_sort_is_kept_on_the_next_page_link()
    {
        var page = await _client.GetPageAsync("/projekt?sortering=titel");

        Assert.Equal("/projekt?sortering=titel&sida=2", page.QuerySelector("nav.pager a[rel=next]")?.GetAttribute("href"));
        Assert.True(page.QuerySelectorAll("#sortering option").Single(o => o.GetAttribute("value") == "titel").HasAttribute("selected"));
    }

    [Theory]
    [MemberData(nameof(HostileQueries.Ignored), MemberType = typeof(HostileQueries))]
    public async Task A_value_that_makes_no_sense_is_ignored_with_a_Swedish_note(string query, int expectedCount)
    {
        var page = await _client.GetPageAsync($"/projekt?{query}");

        Assert.Equal(expectedCount, ResultCount(page));
        var notes = Notes(page);
        Assert.NotEmpty(notes);
        Assert.All(notes, note => Assert.Matches(SwedishNote(), note));
        Assert.Equal(Math.Min(expectedCount, 20), Slugs(page).Count);
    }

    [Theory]
    [MemberData(nameof(HostileQueries.EmptyOrRepeated), MemberType = typeof(HostileQueries))]
    public async Task Empty_and_repeated_parameters_are_answered_without_error(string query)
    {
        var page = await _client.GetPageAsync($"/projekt?{query}");

        Assert.NotNull(page.QuerySelector("#result-heading"));
    }

    [Fact]
    public async Task Repeating_a_value_does_not_change_the_answer()
    {
        var once = await _client.GetPageAsync("/projekt?status=avslutat");
        var thrice = await _client.GetPageAsync("/projekt?status=avslutat&status=avslutat&status=AVSLUTAT");

        Assert.Equal(Sorted(Slugs(once)), Sorted(Slugs(thrice)));
        Assert.Empty(Notes(thrice));
    }

    [Fact]
    public async Task Hostile_markup_in_a_parameter_is_shown_as_text()
    {
        using var response = await _client.GetAsync(new Uri("/projekt?organisation=%3Cscript%3Ealert(1)%3C%2Fscript%3E&q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        var page = await _client.GetPageAsync("/projekt?organisation=%3Cscript%3Ealert(1)%3C%2Fscript%3E&q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
        Assert.Empty(page.QuerySelectorAll("script, img[onerror]"));
        Assert.Contains(Notes(page), n => n.Contains("<script>alert(1)</script>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_search_over_200_characters_is_cut_with_a_note()
    {
        var page = await _client.GetPageAsync($"/projekt?q={Uri.EscapeDataString(HostileQueries.LongSearch)}");

        Assert.Contains(Notes(page), n => n.Contains("200 tecken", StringComparison.Ordinal));
        Assert.Equal(5, ResultCount(page));
        Assert.True(page.QuerySelector("input#q")!.GetAttribute("value")!.Length <= 200);
    }

    [Theory]
    [MemberData(nameof(HostileQueries.Junk), MemberType = typeof(HostileQueries))]
    public async Task Unicode_junk_and_broken_escapes_are_answered_without_error(string query)
    {
        var page = await _client.GetPageAsync($"/projekt?{query}");

        Assert.NotNull(page.QuerySelector("#result-heading"));
        Assert.All(Notes(page), note => Assert.Matches(SwedishNote(), note));
    }

    [Fact]
    public async Task Many_repeated_values_are_answered_without_error()
    {
        var page = await _client.GetPageAsync($"/projekt?{HostileQueries.ManyRepeatedValues}");

        Assert.NotNull(page.QuerySelector("#result-heading"));
        Assert.Contains(Notes(page), n => n.Contains("Högst 50 kommuner", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^(\d+) projekt")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"\((\d+)\)$")]
    private static partial Regex TrailingNumber();

    /// <summary>A note a Swedish reader understands: it says what was not used or does not exist.</summary>
    [GeneratedRegex("inte|ingen|inget|finns|kortats")]
    private static partial Regex SwedishNote();
}
