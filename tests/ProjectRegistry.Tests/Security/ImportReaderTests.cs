using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Pages.Admin.Import;

namespace ProjectRegistry.Tests.Security;

/// <summary>
/// The import's reader against the second security review's workbooks (issue 24, M5, L4, L10): small files that
/// unpack to millions of elements, a DTD, a truncated zip, numbers no decimal holds. Each is refused with a Swedish
/// message, within a bounded memory, and leaves no file behind.
/// </summary>
public class ImportReaderTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The memory a refusal may take (the review's 23.5 kB file took 266 MB).</summary>
    private const long MaxAllocated = 100L * 1024 * 1024;

    /// <summary>A workbook of one sheet whose XML is given as it is: what a hostile tool can write.</summary>
    internal static byte[] Workbook(string sheetXml, string? sharedStrings = null, string? prolog = null)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var entry = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                entry.Write(text);
            }
            Add("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Add("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Add("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Projekt" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Add("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            Add("xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sharedStrings}</sst>""");
            Add("xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheetXml}</sheetData></worksheet>""");
        }
        return stream.ToArray();
    }

    private static string Header => """<row r="1"><c r="A1" t="inlineStr"><is><t>Titel</t></is></c><c r="B1" t="inlineStr"><is><t>Total budget</t></is></c></row>""";

    /// <summary>Reads the bytes as the upload does, and what reading them allocated on this thread.</summary>
    private static (SheetException? Refused, long Allocated, TimeSpan Cpu) Read(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.xlsx");
        File.WriteAllBytes(path, bytes);
        try
        {
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var before = GC.GetAllocatedBytesForCurrentThread();
            var refused = Record.Exception(() => SheetReader.Read(path));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(refused is null or SheetException, $"Inte ett svenskt besked: {refused}");
            return ((SheetException?)refused, allocated, System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_row_of_a_million_cell_elements_is_refused_at_the_column_bound_without_reading_it()
    {
        var cells = new StringBuilder(Header).Append("<row r=\"2\">");
        for (var i = 0; i < 1_000_000; i++) cells.Append("<c r=\"A2\"/>");
        var bytes = Workbook(cells.Append("</row>").ToString());

        var (refused, allocated, _) = Read(bytes);

        Assert.True(bytes.Length < 200_000, $"{bytes.Length} byte");
        Assert.Equal("Rad 2 har fler än 100 kolumner. Ta bort de kolumner som inte ska läsas in.", refused?.Message);
        Assert.True(allocated < MaxAllocated, $"{allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void Millions_of_empty_rows_are_refused_at_the_row_bound()
    {
        var rows = new StringBuilder(Header);
        for (var i = 0; i < 2_000_000; i++) rows.Append("<row/>");
        var bytes = Workbook(rows.ToString());

        var (refused, allocated, _) = Read(bytes);

        Assert.Equal($"Filen har fler än {100_000.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"))} rader, tomma rader medräknade. Kopiera projektraderna till en ny arbetsbok.", refused?.Message);
        Assert.True(allocated < MaxAllocated, $"{allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void A_part_that_unpacks_to_more_text_than_a_sheet_holds_is_refused()
    {
        var bytes = Workbook(Header + $"""<row r="2"><c r="A2" t="inlineStr"><is><t>{new string('A', 60_000_000)}</t></is></c></row>""");

        var (refused, allocated, _) = Read(bytes);

        Assert.NotNull(refused);
        Assert.True(allocated < MaxAllocated, $"{allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void A_shared_string_table_of_more_items_than_a_full_sheet_has_cells_is_refused()
    {
        var bytes = Workbook(Header, sharedStrings: string.Concat(Enumerable.Repeat("<si><t>x</t></si>", 300_000)));

        var (refused, allocated, _) = Read(bytes);

        Assert.Equal("Filen innehåller mer text än en import tar emot. Dela upp den i flera filer.", refused?.Message);
        Assert.True(allocated < MaxAllocated, $"{allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void A_number_no_decimal_holds_is_kept_as_written_for_the_forms_rules()
    {
        var (refused, _, _) = Read(Workbook(Header + """<row r="2"><c r="A2" t="inlineStr"><is><t>Stort</t></is></c><c r="B2"><v>1E+300</v></c></row><row r="3"><c r="A3" t="inlineStr"><is><t>Inget tal</t></is></c><c r="B3"><v>NaN</v></c></row>"""));

        Assert.Null(refused);
    }

    public static TheoryData<string, byte[]> Unreadable => new()
    {
        { "dtd.xlsx", Workbook(Header, prolog: """<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>""") },
        { "avkortad.xlsx", Workbook(Header + """<row r="2"><c r="A2" t="inlineStr"><is><t>Avkortad</t></is></c></row>""")[..400] },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task An_unreadable_workbook_is_refused_in_Swedish_on_the_upload_page_and_leaves_no_file(string name, byte[] bytes)
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var folder = app.Services.GetRequiredService<ImportUploads>().Root;
        var before = Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;

        var upload = await FormPage.OpenAsync(editor, "/admin/import");
        var refused = await upload.Attach("file", name, bytes, Xlsx).StayAsync("Ladda upp och koppla kolumner");

        Assert.Equal("Filen går inte att läsa som en Excel-fil (.xlsx). Spara den på nytt från Excel, eller som CSV.",
            refused.Document.QuerySelector("#file-error")?.ReadableText());
        Assert.Equal(before, Directory.GetFiles(folder).Length);
    }

    [Fact]
    public async Task Uploads_are_kept_in_this_installations_own_folder_not_in_the_shared_temp_folder()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var upload = await FormPage.OpenAsync(editor, "/admin/import");
        var location = await upload.Attach("file", "egen.csv", Encoding.UTF8.GetBytes("Titel\r\nEget projekt\r\n"), "text/csv").SaveAsync("Ladda upp och koppla kolumner");
        var id = location.Split('/')[3];

        var folder = app.Services.GetRequiredService<ImportUploads>().Root;
        Assert.Equal(app.ImportPath, folder);
        Assert.True(File.Exists(Path.Combine(folder, id + ".json")));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), "projectregistry-imports", id + ".json")));
        // Read once: what the file said is kept, the file itself is not.
        Assert.Equal([id + ".json", id + ".sheet.json"], Directory.GetFiles(folder, id + "*").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    // Issue 24, L9: the CSV export protects a formula-like text with an apostrophe, and the import kept it, so the
    // registry's own export imported back changed "=1+1" to "'=1+1".
    [Fact]
    public async Task A_formula_like_text_in_the_registrys_own_csv_comes_back_unchanged_on_import()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        // A project the public list shows (its first row), found by its address, the CSV's first column.
        var before = await app.CreateClient().GetStringAsync(new Uri("/projekt.csv?organisation=leader-polaris", UriKind.Relative));
        var slug = before.Split("\r\n")[1].Split(';')[0];
        int id;
        using (var scope = app.Services.CreateScope())
            id = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Projects.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
        const string purpose = "=1+1 är inte en formel";
        var form = await FormPage.OpenAsync(admin, $"/admin/projekt/{id}");
        await form.Type("Input.Purpose", purpose).SaveAsync("Spara");
        var csv = await app.CreateClient().GetByteArrayAsync(new Uri("/projekt.csv?organisation=leader-polaris", UriKind.Relative));
        Assert.Contains("'" + purpose, Encoding.UTF8.GetString(csv), StringComparison.Ordinal);

        var upload = await FormPage.OpenAsync(admin, "/admin/import");
        var mapping = await FormPage.OpenAsync(admin, await upload.Choose("OrganisationId", "Leader Polaris")
            .Attach("file", "projekt.csv", csv, "text/csv").SaveAsync("Ladda upp och koppla kolumner"));
        var preview = await FormPage.OpenAsync(admin, await mapping.SaveAsync("Förhandsgranska importen"));

        Assert.Contains("Filen ändrar ingenting", preview.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
