using System.Net;
using System.Text;
using System.Text.Json;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.OpenData;

[Collection(SeededApp.Name)]
public class DownloadsTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    public static TheoryData<string> SeedSlugs => [.. SeedDocuments.Projects.Select(p => p.Slug)];

    public static TheoryData<string> SeedStatuses => [.. SeedFiles.Projects.Select(p => p.Status).Distinct().Order(StringComparer.Ordinal)];

    private static List<string> Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToList();

    // ---- CSV ----

    private async Task<(byte[] Bytes, List<string[]> Rows)> GetCsvAsync(string url)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (bytes, Csv.Parse(new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF')));
    }

    /// <summary>The data rows as field name → value, read through the header as a spreadsheet user would.</summary>
    private static List<Dictionary<string, string>> Records(List<string[]> rows) =>
        rows.Skip(1).Select(r => rows[0].Zip(r).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)).ToList();

    [Fact]
    public async Task Csv_filtered_by_municipality_lists_exactly_its_projects()
    {
        var (_, rows) = await GetCsvAsync("/projekt.csv?kommun=2418");

        Assert.Equal(SeedFiles.Slugs(p => p.Municipalities.Contains("2418")), Sorted(Records(rows).Select(r => r["Adress"])));
        Assert.Equal(9, rows.Count - 1);
    }

    [Fact]
    public async Task Csv_is_utf8_with_bom_and_semicolons_so_excel_keeps_swedish_letters()
    {
        var (bytes, rows) = await GetCsvAsync("/projekt.csv?kommun=2418");

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain('\uFFFD', text);
        Assert.Contains("Målområden", rows[0]);
        Assert.Contains("Bärkraft", Records(rows).Select(r => r["Titel"]));
        Assert.Contains(Records(rows), r => r["Kommuner"].Contains("Malå", StringComparison.Ordinal));
        // The first line is the header and, being free of quotes, shows the separator as written.
        var header = text.TrimStart('\uFEFF').Split("\r\n")[0];
        Assert.Equal(rows[0].Length - 1, header.Count(c => c == ';'));
        Assert.DoesNotContain(',', header);
    }

    [Fact]
    public async Task Csv_header_has_one_distinct_column_per_field_and_every_row_matches_it()
    {
        var (_, rows) = await GetCsvAsync("/projekt.csv");

        Assert.Equal(rows[0].Length, rows[0].Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(26, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        foreach (var column in new[] { "Adress", "Titel", "Status", "Start", "Slut", "Total budget", "Valuta", "Kommunkoder", "Finansiärer", "Beskrivning" })
            Assert.Contains(column, rows[0]);
    }

    [Theory]
    [InlineData("exportfokus", "3900000", "SEK", "2018-09-01", "2021-12-31")]
    [InlineData("barkraft", "1522196", "EUR", "2019-05-01", "2021-09-30")]
    public async Task Csv_amounts_are_plain_numbers_with_currency_and_dates_are_iso(string slug, string budget, string currency, string start, string end)
    {
        var (_, rows) = await GetCsvAsync("/projekt.csv?kommun=2418");

        var row = Records(rows).Single(r => r["Adress"] == slug);
        Assert.Equal(budget, row["Total budget"]);
        Assert.Equal(currency, row["Valuta"]);
        Assert.Equal(start, row["Start"]);
        Assert.Equal(end, row["Slut"]);
    }

    [Fact]
    public async Task Csv_quotes_fields_that_contain_the_separator()
    {
        var (bytes, rows) = await GetCsvAsync("/projekt.csv?kommun=2418");

        var row = Records(rows).Single(r => r["Adress"] == "exportfokus");
        var codes = row["Kommunkoder"];
        Assert.Equal(Sorted(["2418", "2417", "2404", "2481"]), Sorted(codes.Split("; ")));
        Assert.Contains($"\"{codes}\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_round_trips_every_seed_description()
    {
        var (_, rows) = await GetCsvAsync("/projekt.csv");

        var bySlug = Records(rows).ToDictionary(r => r["Adress"], StringComparer.Ordinal);
        Assert.All(SeedDocuments.Projects, p =>
            Assert.Equal((p.Yaml.Get("beskrivning") ?? "").Trim(), bySlug[p.Slug]["Beskrivning"].Replace("\r\n", "\n", StringComparison.Ordinal).Trim()));
    }

    [Fact]
    public void Csv_parser_reads_quoted_separators_quotes_and_line_breaks()
    {
        var rows = Csv.Parse("a;\"b;c\";\"say \"\"hi\"\"\"\r\n\"line\r\nbreak\";;'=1\r\n");

        Assert.Equal(["a", "b;c", "say \"hi\""], rows[0]);
        Assert.Equal(["line\r\nbreak", "", "'=1"], rows[1]);
    }

    [Theory]
    [InlineData("/projekt.csv?status=avslutat&kommun=2418")]
    [InlineData("/projekt.csv?q=gallivare")]
    public async Task Csv_applies_the_list_filters(string url)
    {
        var (_, rows) = await GetCsvAsync(url);

        var expected = url.Contains("q=", StringComparison.Ordinal)
            // Search is full-text; the list page tests pin what "gallivare" finds.
            ? ["face-of-gallivare-2-0", "kompetensbanken", "kontroll-av-mobiltackningen", "omstallning-gallivare", "snolagring-ski-camp-gallivare"]
            : SeedFiles.Slugs(p => p.Status == "avslutat" && p.Municipalities.Contains("2418"));
        Assert.Equal(expected, Sorted(Records(rows).Select(r => r["Adress"])));
    }

    // ---- JSON ----

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static List<string> JsonSlugs(JsonElement root) =>
        Sorted(root.GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("slug").GetString()!));

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.GetString() : null;

    private static void AssertMoney(string? seed, JsonElement e, string name)
    {
        var value = e.TryGetProperty(name, out var v) ? v : default;
        if (seed is null)
        {
            Assert.True(value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined, $"{name} borde saknas.");
            return;
        }
        var (minor, currency) = SwedishText.ParseAmount(seed);
        Assert.Equal(minor / 100m, value.GetProperty("amount").GetDecimal());
        Assert.Equal(currency, value.GetProperty("currency").GetString());
    }

    private static void AssertDate(string? seed, JsonElement e, string name)
    {
        var value = e.GetProperty(name);
        if (seed is null)
        {
            Assert.Equal(JsonValueKind.Null, value.ValueKind);
            return;
        }
        var iso = seed.Length == 8 && seed.All(char.IsAsciiDigit) ? $"{seed[..4]}-{seed[4..6]}-{seed[6..]}" : seed;
        Assert.Equal(iso, value.GetProperty("value").GetString());
        Assert.Equal(iso.Length switch { 4 => "year", 7 => "month", _ => "day" }, value.GetProperty("precision").GetString());
    }

    /// <summary>Places are objects: the name, and WGS84 decimal degrees or null where the seed gives none.</summary>
    internal static void AssertPlaces(IReadOnlyList<SeedDocuments.SeedPlace> seed, JsonElement project)
    {
        var places = project.GetProperty("places").EnumerateArray().ToList();
        Assert.Equal(seed.Count, places.Count);
        foreach (var (expected, json) in seed.Zip(places))
        {
            Assert.Equal(JsonValueKind.Object, json.ValueKind);
            Assert.Equal(expected.Name, json.GetProperty("name").GetString());
            foreach (var (name, value) in new[] { ("latitude", expected.Latitude), ("longitude", expected.Longitude) })
            {
                var coordinate = json.GetProperty(name);
                if (value is null) Assert.Equal(JsonValueKind.Null, coordinate.ValueKind);
                else Assert.Equal(value.Value, coordinate.GetDouble(), 6);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SeedSlugs))]
    public async Task Json_round_trips_the_seed_project(string slug)
    {
        var root = await GetJsonAsync("/projekt.json");
        var file = SeedDocuments.Project(slug);
        var y = file.Yaml;
        var p = root.GetProperty("projects").EnumerateArray().Single(e => e.GetProperty("slug").GetString() == slug);

        Assert.Equal(y.Get("titel"), p.GetProperty("title").GetString());
        Assert.Equal(y.Get("status"), p.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal(file.Publisher, p.GetProperty("publisher").GetProperty("slug").GetString());
        AssertDate(y["period"]?.Get("start"), p, "start");
        AssertDate(y["period"]?.Get("slut"), p, "end");
        AssertMoney(y.Get("budget"), p, "budget");

        var financiers = p.GetProperty("financiers").EnumerateArray().ToList();
        Assert.Equal(y.List("finansiarer").Count, financiers.Count);
        foreach (var (seed, json) in y.List("finansiarer").Zip(financiers))
        {
            Assert.Equal(seed.Get("organisation"), json.GetProperty("organisation").GetProperty("slug").GetString());
            AssertMoney(seed.Get("belopp"), json, "amount");
            Assert.Equal(seed.Get("kontering"), Str(json, "accountingReference"));
        }

        Assert.Equal(Sorted(y.Strings("kommuner")), Sorted(p.GetProperty("municipalities").EnumerateArray().Select(m => m.GetProperty("code").GetString()!)));
        AssertPlaces(SeedDocuments.Places(file), p);
        Assert.Equal(y.Strings("delmal"), p.GetProperty("subGoals").EnumerateArray().Select(s => s.GetString()!).ToList());
        Assert.Equal(y.Strings("malgrupper"), p.GetProperty("targetGroups").EnumerateArray().Select(s => s.GetString()!).ToList());

        var contacts = p.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(y.List("kontakter").Count, contacts.Count);
        foreach (var (seed, json) in y.List("kontakter").Zip(contacts))
        {
            Assert.Equal(seed.Get("namn"), Str(json, "name"));
            Assert.Equal(seed.Get("roll"), Str(json, "role"));
            Assert.Equal(seed.Get("organisation"), Str(json, "organisation"));
            Assert.Equal(seed.Get("telefon"), Str(json, "phone"));
            Assert.Equal(seed.Get("epost"), Str(json, "email"));
        }

        var links = p.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(y.List("lankar").Count, links.Count);
        foreach (var (seed, json) in y.List("lankar").Zip(links))
        {
            Assert.Equal(seed.Get("text"), Str(json, "text"));
            Assert.Equal(seed.Get("url"), Str(json, "url"));
        }
    }

    [Fact]
    public async Task Json_lists_every_project_under_an_open_licence()
    {
        var root = await GetJsonAsync("/projekt.json");

        Assert.Equal("CC0-1.0", root.GetProperty("licence").GetString());
        Assert.Equal(SeedDocuments.Projects.Count, root.GetProperty("count").GetInt32());
        Assert.Equal(SeedFiles.Slugs(_ => true), JsonSlugs(root));
    }

    [Theory]
    [MemberData(nameof(SeedStatuses))]
    public async Task Json_filtered_by_status_gives_exactly_its_projects(string status)
    {
        var root = await GetJsonAsync($"/projekt.json?status={status}");

        Assert.Equal(SeedFiles.Slugs(p => p.Status == status), JsonSlugs(root));
        Assert.Empty(root.GetProperty("notes").EnumerateArray());
    }

    [Fact]
    public async Task Json_with_an_unknown_status_answers_200_with_a_note_and_ignores_it()
    {
        var root = await GetJsonAsync("/projekt.json?status=xyz");

        var note = Assert.Single(root.GetProperty("notes").EnumerateArray());
        Assert.Contains("xyz", note.GetString(), StringComparison.Ordinal);
        Assert.Equal(SeedFiles.Slugs(_ => true), JsonSlugs(root));
    }
}

/// <summary>RFC 4180 with ';' as the separator, written here so the tests do not trust the app's writer.</summary>
internal static class Csv
{
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ';') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }
        return rows;
    }
}
