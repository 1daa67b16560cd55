using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.OpenData;

namespace ProjectRegistry.Tests.OpenData;

/// <summary>/projekt.xlsx read back with the library that wrote it, against the seed files read on their own.</summary>
[Collection(SeededApp.Name)]
public class XlsxTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    private enum Kind { Empty, Text, Number, Date }

    private sealed record Read(Kind Kind, string? Text, double Number, int Style);

    private sealed record Sheet(List<string> Header, List<List<Read>> Rows, Worksheet Xml)
    {
        public Read this[List<Read> row, string column] => row[Header.IndexOf(column)];
        public List<Read> Row(string slug) => Rows.Single(r => r[0].Text == slug);
    }

    private static readonly HashSet<int> DateStyles = [XlsxStyles.Day, XlsxStyles.Month, XlsxStyles.Year];

    private async Task<Dictionary<string, Sheet>> GetAsync(string url)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxDownload.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^projekt-\d{4}-\d{2}-\d{2}\.xlsx$", response.Content.Headers.ContentDisposition?.FileName);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var doc = SpreadsheetDocument.Open(stream, false);
        var book = doc.WorkbookPart!;
        var sheets = new Dictionary<string, Sheet>(StringComparer.Ordinal);
        foreach (var s in book.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>())
        {
            var ws = ((WorksheetPart)book.GetPartById(s.Id!)).Worksheet;
            var rows = ws.GetFirstChild<SheetData>()!.Elements<Row>().Select(r => r.Elements<Cell>().Select(ReadCell).ToList()).ToList();
            sheets[s.Name!] = new Sheet(rows[0].Select(c => c.Text!).ToList(), rows.Skip(1).ToList(), ws);
        }
        return sheets;
    }

    private static Read ReadCell(Cell c)
    {
        var style = (int)(c.StyleIndex?.Value ?? 0);
        if (c.DataType?.Value == CellValues.InlineString) return new(Kind.Text, c.InlineString!.InnerText, 0, style);
        if (c.CellValue is null) return new(Kind.Empty, null, 0, style);
        Assert.Null(c.DataType);
        var n = double.Parse(c.CellValue.Text, CultureInfo.InvariantCulture);
        return new(DateStyles.Contains(style) ? Kind.Date : Kind.Number, null, n, style);
    }

    private static List<string> Sorted(IEnumerable<string> values) => values.Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Xlsx_cells_have_the_seed_files_values_and_types()
    {
        var book = await GetAsync("/projekt.xlsx");
        var p = book["Projekt"];

        Assert.Equal(DownloadColumns.All.Select(c => c.Name), p.Header);
        Assert.Equal(Sorted(SeedFiles.Projects.Select(s => s.Slug)), Sorted(p.Rows.Select(r => r[0].Text!)));
        Assert.All(SeedFiles.Projects, seed =>
        {
            var row = p.Row(seed.Slug);
            Assert.Equal(Kind.Text, p[row, "Titel"].Kind);
            AssertPartialDate(seed.Start, p[row, "Start"]);
            AssertPartialDate(seed.End, p[row, "Slut"]);
            var budget = p[row, "Total budget"];
            if (seed.BudgetAmount is { } b)
            {
                Assert.Equal(Kind.Number, budget.Kind);
                Assert.Equal(b.MinorUnits / 100.0, budget.Number, 2);
                Assert.Equal(XlsxStyles.Currency(b.Currency), budget.Style);
                Assert.Equal(b.Currency, p[row, "Valuta"].Text);
            }
            else Assert.Equal(Kind.Empty, budget.Kind);
            Assert.Equal(Kind.Date, p[row, "Senast uppdaterad"].Kind);
        });
    }

    private static void AssertPartialDate(string? seed, Read cell)
    {
        if (seed is null) { Assert.Equal(Kind.Empty, cell.Kind); return; }
        Assert.Equal(Kind.Date, cell.Kind);
        var format = cell.Style switch { XlsxStyles.Year => "yyyy", XlsxStyles.Month => "yyyy-MM", _ => "yyyy-MM-dd" };
        Assert.Equal(seed, DateTime.FromOADate(cell.Number).ToString(format, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Sums_by_kind_are_numbers_in_their_rows_currency_format_and_never_mix_currencies()
    {
        var p = (await GetAsync("/projekt.xlsx"))["Projekt"];

        var exportfokus = p.Row("exportfokus");
        Assert.Equal(XlsxStyles.Sek, p[exportfokus, "Total budget"].Style);
        var barkraft = p.Row("barkraft");
        Assert.Equal(XlsxStyles.Eur, p[barkraft, "Total budget"].Style);
        foreach (var row in p.Rows)
        {
            var currency = p[row, "Finansieringens valuta"].Text;
            var total = p[row, "Finansiering totalt"];
            if (currency is "SEK" or "EUR") Assert.Equal(XlsxStyles.Currency(currency), total.Style);
            else Assert.Equal(Kind.Empty, total.Kind); // none stated, or several currencies
        }
    }

    [Fact]
    public async Task Both_sheets_have_a_frozen_header_with_an_autofilter_and_the_financiers_sheet_one_row_per_financier()
    {
        var book = await GetAsync("/projekt.xlsx");

        Assert.Equal(["Projekt", "Finansiärer"], book.Keys);
        foreach (var sheet in book.Values)
        {
            var pane = sheet.Xml.Descendants<Pane>().Single();
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.Equal(1.0, pane.VerticalSplit!.Value);
            Assert.Equal($"A1:{XlsxDownload.ColumnName(sheet.Header.Count)}{sheet.Rows.Count + 1}", sheet.Xml.GetFirstChild<AutoFilter>()!.Reference!.Value);
        }
        var financiers = book["Finansiärer"];
        Assert.All(SeedFiles.Projects, seed =>
            Assert.Equal(seed.Financiers.Count, financiers.Rows.Count(r => r[0].Text == seed.Slug)));
        Assert.Contains(financiers.Rows, r => financiers[r, "Belopp"].Kind == Kind.Number);
    }

    [Theory]
    [InlineData("kommun=2418")]
    [InlineData("status=avslutat&kommun=2418")]
    [InlineData("q=gallivare")]
    public async Task Filters_give_the_same_projects_as_the_csv_and_the_list(string query)
    {
        var xlsx = (await GetAsync("/projekt.xlsx?" + query))["Projekt"].Rows.Select(r => r[0].Text!).ToList();
        var csv = Csv.Parse((await _client.GetStringAsync(new Uri("/projekt.csv?" + query, UriKind.Relative))).TrimStart('\uFEFF'));

        Assert.Equal(csv.Skip(1).Select(r => r[0]), xlsx);
        Assert.NotEmpty(xlsx);
        var list = await _client.GetStringAsync(new Uri("/projekt?" + query, UriKind.Relative));
        Assert.All(xlsx, slug => Assert.Contains($"/projekt/{slug}\"", list, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Kolumner_chooses_the_columns_of_the_csv_and_the_xlsx_in_the_order_given()
    {
        var xlsx = (await GetAsync("/projekt.xlsx?kommun=2418&kolumner=titel,Start,Total%20budget"))["Projekt"];
        var csv = Csv.Parse((await _client.GetStringAsync(new Uri("/projekt.csv?kommun=2418&kolumner=titel,Start,Total%20budget", UriKind.Relative))).TrimStart('\uFEFF'));

        Assert.Equal(["Titel", "Start", "Total budget"], xlsx.Header);
        Assert.Equal(["Titel", "Start", "Total budget"], csv[0]);
        Assert.All(csv, r => Assert.Equal(3, r.Length));
        Assert.Equal(csv.Count - 1, xlsx.Rows.Count);
        Assert.All(xlsx.Rows, r => Assert.Equal(3, r.Count));
    }

    [Theory]
    [InlineData("/projekt.csv?kolumner=Titel,Budgett")]
    [InlineData("/projekt.xlsx?kolumner=Budgett")]
    public async Task An_unknown_column_is_a_swedish_400_naming_it(string url)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Okänd kolumn", text, StringComparison.Ordinal);
        Assert.Contains("\"Budgett\"", text, StringComparison.Ordinal);
        Assert.Contains("Total budget", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_offers_a_download_form_that_keeps_the_filter_and_builds_kolumner_without_javascript()
    {
        var html = await _client.GetStringAsync(new Uri("/projekt?kommun=2418", UriKind.Relative));
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        var form = doc.QuerySelector("details.download-form form")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal(["Kolumner", "Ladda ner"], form.QuerySelectorAll("fieldset > legend").Select(l => l.TextContent.Trim()));
        Assert.Equal(DownloadColumns.All.Select(c => c.Name), form.QuerySelectorAll("input[type=checkbox][name=kolumner]").Select(i => i.GetAttribute("value")));
        Assert.Equal("2418", form.QuerySelector("input[type=hidden][name=kommun]")?.GetAttribute("value"));
        Assert.Equal(["/projekt.csv", "/projekt.xlsx"], form.QuerySelectorAll("button[type=submit]").Select(b => b.GetAttribute("formaction")));

        // What the browser sends with two boxes ticked: kolumner repeated, read as one list.
        var sheet = (await GetAsync("/projekt.xlsx?kommun=2418&kolumner=Adress&kolumner=Slut"))["Projekt"];
        Assert.Equal(["Adress", "Slut"], sheet.Header);
    }
}
