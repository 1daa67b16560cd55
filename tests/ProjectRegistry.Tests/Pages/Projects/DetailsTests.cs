using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Pages.Projects;

[Collection(SeededApp.Name)]
public partial class DetailsTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    public static TheoryData<string> SeedSlugs => [.. SeedDocuments.Projects.Select(p => p.Slug)];

    public static TheoryData<string> SlugsWithSourceDate =>
        [.. SeedDocuments.Projects.Where(p => p.Yaml.Get("senast_uppdaterad") is not null).Select(p => p.Slug)];

    /// <summary>A seed place is "Vuollerim" or "Vuollerim; 66.43; 20.61": the page shows the name.</summary>
    private static List<string> PlaceNames(YamlNode y) => [.. y.Strings("platser").Select(s => s.Split(';')[0].Trim())];

    private static string PageText(IDocument page) => SwedishText.Normalise(page.Body!.TextContent);

    /// <summary>Every fact the seed file gives, as the text a reader should find on the page.</summary>
    private static List<(string Field, string Text)> ExpectedFacts(SeedDocuments.ProjectFile file)
    {
        var y = file.Yaml;
        var facts = new List<(string, string)>();
        void Add(string field, string? text)
        {
            if (!string.IsNullOrWhiteSpace(text)) facts.Add((field, text));
        }

        Add("titel", y.Get("titel"));
        Add("kortnamn", y.Get("kortnamn"));
        Add("status", SwedishText.StatusLabels[y.Get("status")!]);
        Add("syfte", y.Get("syfte"));
        Add("mal", y.Get("mal"));
        foreach (var s in y.Strings("delmal")) Add("delmal", s);
        foreach (var s in y.Strings("malgrupper")) Add("malgrupper", s);
        Add("styrgrupp", y.Get("styrgrupp"));
        Add("finansiering_anteckning", y.Get("finansiering_anteckning"));
        foreach (var c in y.List("kontakter"))
        {
            foreach (var key in new[] { "namn", "roll", "organisation", "telefon", "epost" }) Add($"kontakter.{key}", c.Get(key));
        }
        foreach (var f in y.List("finansiarer"))
        {
            Add("finansiarer.organisation", SeedDocuments.OrganisationName(f.Get("organisation")!));
            if (f.Get("belopp") is { } amount) Add("finansiarer.belopp", SwedishText.Money(amount));
            Add("finansiarer.kontering", f.Get("kontering"));
            Add("finansiarer.anteckning", f.Get("anteckning"));
        }
        if (y.Get("budget") is { } budget) Add("budget", SwedishText.Money(budget));
        foreach (var p in y.List("partner"))
        {
            Add("partner.organisation", SeedDocuments.OrganisationName(p.Get("organisation")!));
            if (p.Get("budgetandel") is { } share) Add("partner.budgetandel", SwedishText.Money(share));
            Add("partner.roll", p.Get("roll"));
        }
        foreach (var code in y.Strings("kommuner")) Add("kommuner", SeedDocuments.MunicipalityName(code));
        foreach (var s in PlaceNames(y)) Add("platser", s);
        foreach (var s in y.Strings("malomraden")) Add("malomraden", s);
        foreach (var s in y.Strings("inriktningsmal")) Add("inriktningsmal", s);
        foreach (var l in y.List("lankar")) Add("lankar.text", l.Get("text"));
        foreach (var i in y.List("identifierare")) Add("identifierare.varde", i.Get("varde"));
        var period = y["period"];
        Add("period", period is null ? "Projektperiod Anges inte" : SwedishText.Period(period.Get("start"), period.Get("slut")));
        if (y.Get("projektagare") is { } owner) Add("projektagare", SeedDocuments.OrganisationName(owner));
        foreach (var sentence in MarkdownSentences(y.Get("beskrivning"))) Add("beskrivning", sentence);
        return facts;
    }

    /// <summary>
    /// The sentences of a Markdown text with its markup taken away: heading and list markers, emphasis and
    /// link syntax. Headings and list items stand alone; a paragraph's lines are joined, then split at
    /// sentence ends, so each sentence must appear whole on the page.
    /// </summary>
    private static IEnumerable<string> MarkdownSentences(string? markdown)
    {
        if (markdown is null) yield break;
        var paragraph = new List<string>();
        var blocks = new List<string>();
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.Trim();
            var marker = BlockMarker().Match(line);
            if (line.Length == 0 || marker.Success)
            {
                if (paragraph.Count > 0) blocks.Add(string.Join(' ', paragraph));
                paragraph.Clear();
                if (marker.Success) blocks.Add(line[marker.Length..]);
                continue;
            }
            paragraph.Add(line);
        }
        if (paragraph.Count > 0) blocks.Add(string.Join(' ', paragraph));

        foreach (var block in blocks)
        {
            var plain = Emphasis().Replace(MarkdownLink().Replace(block, "$1"), "$2");
            foreach (var sentence in SentenceEnd().Split(plain))
            {
                var s = sentence.Trim();
                if (s.Length > 0) yield return s;
            }
        }
    }

    [Theory]
    [MemberData(nameof(SeedSlugs))]
    public async Task Every_fact_in_the_seed_file_is_on_the_project_page(string slug)
    {
        var file = SeedDocuments.Project(slug);

        var page = await _client.GetPageAsync($"/projekt/{slug}");

        var text = PageText(page);
        var missing = ExpectedFacts(file)
            .Where(f => !text.Contains(SwedishText.Normalise(f.Text), StringComparison.Ordinal))
            .Select(f => $"{f.Field}: ”{f.Text}”")
            .ToList();
        Assert.True(missing.Count == 0, $"/projekt/{slug} saknar:\n" + string.Join('\n', missing));
    }

    /// <summary>The facts box as term → description text (a list's items one per entry).</summary>
    private static Dictionary<string, List<string>> FactsBox(IDocument page)
    {
        var facts = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        string? term = null;
        foreach (var element in page.QuerySelector("aside dl.facts")!.Children)
        {
            if (element.LocalName == "dt") term = element.ReadableText();
            else if (element.LocalName == "dd" && term is not null)
            {
                var items = element.QuerySelectorAll("li").Select(li => li.ReadableText()).ToList();
                facts[term] = items.Count > 0 ? items : [element.ReadableText()];
            }
        }
        return facts;
    }

    [Theory]
    [MemberData(nameof(SeedSlugs))]
    public async Task The_facts_box_gives_status_period_budget_owner_places_and_goals(string slug)
    {
        var y = SeedDocuments.Project(slug).Yaml;
        var period = y["period"];
        var expected = new Dictionary<string, List<string>>(StringComparer.Ordinal)
        {
            ["Status"] = [SwedishText.StatusLabels[y.Get("status")!]],
            ["Projektperiod"] = [period is null ? "Anges inte" : SwedishText.Period(period.Get("start"), period.Get("slut"))],
            ["Kommuner"] = y.Strings("kommuner").Count == 0
                ? ["Anges inte"]
                : [.. y.Strings("kommuner").Select(code => $"{SeedDocuments.MunicipalityName(code)} ({code})").Order(StringComparer.Ordinal)],
        };
        if (y.Get("budget") is { } budget) expected["Total budget"] = [SwedishText.Money(budget)];
        if (y.Get("projektagare") is { } owner) expected["Projektägare"] = [SeedDocuments.OrganisationName(owner)];
        if (PlaceNames(y).Count > 0) expected["Orter"] = [string.Join(", ", PlaceNames(y))];
        if (y.Strings("malomraden").Count > 0) expected["Målområde (LUS)"] = [.. y.Strings("malomraden").Order(StringComparer.Ordinal)];
        if (y.Strings("inriktningsmal").Count > 0) expected["Inriktningsmål"] = [.. y.Strings("inriktningsmal").Order(StringComparer.Ordinal)];

        var page = await _client.GetPageAsync($"/projekt/{slug}");

        var facts = FactsBox(page);
        foreach (var list in new[] { "Kommuner", "Målområde (LUS)", "Inriktningsmål" }.Where(facts.ContainsKey)) facts[list].Sort(StringComparer.Ordinal);
        Assert.Equal(expected.OrderBy(f => f.Key, StringComparer.Ordinal), facts.OrderBy(f => f.Key, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SeedSlugs))]
    public async Task The_financiers_table_follows_the_file_with_kind_amount_reference_and_note(string slug)
    {
        // The seed files give no kind: each row has the one its organisation's kind implies (the EU's funds and
        // programmes and the Leader offices give the grant; municipalities, regions and agencies co-finance publicly).
        static string KindOf(string organisation) => SeedDocuments.Organisation(organisation).Get("typ") switch
        {
            "lag" or "eu-fond" or "eu-program" => "Stöd (Leader, EU och stat)",
            "kommun" or "region" or "myndighet" => "Offentlig medfinansiering",
            _ => "Privat medfinansiering, kontant",
        };
        var expected = SeedDocuments.Project(slug).Yaml.List("finansiarer")
            .Select(f => (
                SeedDocuments.OrganisationName(f.Get("organisation")!),
                KindOf(f.Get("organisation")!),
                f.Get("belopp") is { } amount ? SwedishText.Money(amount) : "–",
                string.Join("; ", new[] { f.Get("kontering"), f.Get("anteckning") }.OfType<string>())))
            .ToList();

        var page = await _client.GetPageAsync($"/projekt/{slug}");

        var table = page.QuerySelectorAll("section[aria-labelledby='economy-heading'] table")
            .SingleOrDefault(t => t.QuerySelector("caption")!.ReadableText().StartsWith("Finansiärer", StringComparison.Ordinal));
        var rows = table is null ? [] : table.QuerySelectorAll("tbody tr")
            .Select(r => (
                r.QuerySelector("th a")!.ReadableText(),
                r.QuerySelector("th .financier-kind")!.ReadableText(),
                // An unknown amount is a dash for the eye and "anges inte" for a screen reader.
                SwedishText.Normalise(string.Concat(r.QuerySelectorAll("td")[0].ChildNodes.Where(n => n is not IElement e || e.GetAttribute("class") != "visually-hidden").Select(n => n.TextContent))),
                r.QuerySelectorAll("td")[1].ReadableText()))
            .ToList();
        Assert.Equal(expected, rows);
    }

    [Theory]
    [MemberData(nameof(SeedSlugs))]
    public async Task Each_contact_is_shown_with_name_role_organisation_phone_and_email(string slug)
    {
        var expected = SeedDocuments.Project(slug).Yaml.List("kontakter")
            .Select(c => new[] { c.Get("namn"), c.Get("roll"), c.Get("organisation"), c.Get("telefon") is { } phone ? $"Telefon: {phone}" : null, c.Get("epost") is { } mail ? $"E-post: {mail}" : null }
                .OfType<string>().ToList())
            .ToList();

        var page = await _client.GetPageAsync($"/projekt/{slug}");

        var contacts = page.QuerySelectorAll("div.contact").Select(c => c.QuerySelectorAll("p").Select(p => p.ReadableText()).ToList()).ToList();
        Assert.Equal(expected, contacts);
        foreach (var mail in SeedDocuments.Project(slug).Yaml.List("kontakter").Select(c => c.Get("epost")).OfType<string>())
            Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"mailto:{mail}");
    }

    [Theory]
    [MemberData(nameof(SeedSlugs))]
    public async Task Links_with_an_address_point_to_it_and_carry_their_text(string slug)
    {
        var links = SeedDocuments.Project(slug).Yaml.List("lankar").Where(l => l.Get("url") is not null).ToList();

        var page = await _client.GetPageAsync($"/projekt/{slug}");

        foreach (var link in links)
        {
            var anchors = page.QuerySelectorAll("a").Where(a => a.GetAttribute("href") == link.Get("url")).ToList();
            Assert.True(anchors.Count > 0, $"/projekt/{slug} länkar inte till {link.Get("url")}.");
            Assert.Contains(link.Get("text"), anchors.Select(a => a.ReadableText()));
        }
    }

    [Theory]
    [MemberData(nameof(SeedSlugs))]
    public async Task The_EU_emblem_is_shown_exactly_when_an_EU_fund_or_programme_finances_the_project(string slug)
    {
        var euFinanced = SeedDocuments.Project(slug).Yaml.List("finansiarer")
            .Select(f => SeedDocuments.Organisation(f.Get("organisation")!).Get("typ"))
            .Any(kind => kind is "eu-fond" or "eu-program");

        var page = await _client.GetPageAsync($"/projekt/{slug}");

        var emblems = page.QuerySelectorAll("img").Count(img => img.GetAttribute("alt") == "Europeiska unionens flagga");
        var statement = PageText(page).Contains("Medfinansieras av Europeiska unionen", StringComparison.Ordinal);
        Assert.Equal(euFinanced ? 1 : 0, emblems);
        Assert.Equal(euFinanced, statement);
    }

    [Theory]
    [MemberData(nameof(SeedSlugs))]
    public async Task The_status_history_lists_each_recorded_status_ending_with_the_current_one(string slug)
    {
        var yaml = SeedDocuments.Project(slug).Yaml;
        var recorded = yaml.List("statushistorik").Select(h => SwedishText.StatusLabels[h.Get("status")!]).ToList();
        var current = SwedishText.StatusLabels[yaml.Get("status")!];

        var page = await _client.GetPageAsync($"/projekt/{slug}");

        var entries = page.QuerySelectorAll("ol.timeline > li").Select(li => li.QuerySelector("strong")?.ReadableText()).ToList();
        Assert.NotEmpty(entries);
        Assert.Equal(recorded, entries.Take(recorded.Count));
        Assert.Equal(current, entries[^1]);
    }

    [Theory]
    [MemberData(nameof(SlugsWithSourceDate))]
    public async Task The_page_says_when_the_source_last_updated_the_project(string slug)
    {
        var date = SeedDocuments.Project(slug).Yaml.Get("senast_uppdaterad")!;

        var page = await _client.GetPageAsync($"/projekt/{slug}");

        Assert.Contains($"Senast uppdaterad {SwedishText.Date(date)}", PageText(page), StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("time"), t => t.GetAttribute("datetime") == date);
    }

    [Fact]
    public async Task Malå_projects_were_last_updated_on_11_January_2024()
    {
        var slugs = SeedFiles.Slugs(p => p.Publisher == "mala-kommun");

        Assert.Equal(9, slugs.Count);
        foreach (var slug in slugs)
        {
            var page = await _client.GetPageAsync($"/projekt/{slug}");
            Assert.Contains("Senast uppdaterad 11 januari 2024", PageText(page), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(SeedSlugs))]
    public async Task No_script_reaches_a_project_page(string slug)
    {
        using var response = await _client.GetAsync(new Uri($"/projekt/{slug}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await _client.GetPageAsync($"/projekt/{slug}");
        // The only script element is the schema.org data block, which no browser runs.
        Assert.All(page.QuerySelectorAll("script"), s => Assert.Equal("application/ld+json", s.GetAttribute("type")));
        Assert.Equal(1, html.Split("<script", StringSplitOptions.None).Length - 1);
        Assert.Empty(page.QuerySelectorAll("iframe, object, embed"));
        Assert.DoesNotContain(page.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>"## ", "- ", "* ", "+ ", "1. " at the start of a line.</summary>
    [GeneratedRegex(@"^(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+)")]
    private static partial Regex BlockMarker();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\d""'”–-])")]
    private static partial Regex SentenceEnd();
}
