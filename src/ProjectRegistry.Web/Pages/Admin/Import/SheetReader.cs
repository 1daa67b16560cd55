using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ProjectRegistry.Web.Pages.Admin.Import;

/// <summary>A sheet as text: its header row and the rows under it, each with its row number as Excel shows it.</summary>
public sealed record SheetData(IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows);

public sealed record SheetRow(int Number, IReadOnlyList<string?> Cells)
{
    public string? this[int column] => column < Cells.Count ? Cells[column] : null;
}

/// <summary>Why a file cannot be read as a sheet, in Swedish for the upload page.</summary>
public sealed class SheetException(string message) : Exception(message);

/// <summary>
/// Reads the first sheet of an XLSX file, or a CSV file as Excel writes it with Swedish settings (semicolons, UTF-8
/// with BOM or Windows-1252), into texts: a date cell becomes 2024-03-15 (2024-03 or 2024 when its format shows only
/// that much, as /projekt.xlsx writes a date known to the month or the year), a number is written with a decimal
/// comma. What the texts mean is for <see cref="Editing.ProjectInput"/> and FieldRules to judge, as for a typed form.
/// </summary>
public static class SheetReader
{
    /// <summary>A Leader office's list is a few hundred projects; 2,000 leaves room and keeps a preview readable.</summary>
    public const int MaxRows = 2_000;
    public const int MaxColumns = 100;
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Texts read out of the zip, all together: bounds a small file that unpacks to gigabytes.</summary>
    private const long MaxChars = 20_000_000;

    /// <summary>
    /// The XML of one part of the zip, in characters (the OpenXml SDK's own bound): a sheet of 2,000 rows of 100 cells
    /// is a few million; a 10 MB file can unpack to gigabytes.
    /// </summary>
    private const long MaxCharactersInPart = 20_000_000;

    /// <summary>Row elements read, empty ones included (Excel writes some for formatting): every one costs, even <c>&lt;row/&gt;</c>.</summary>
    private const int MaxRowElements = 50 * MaxRows;

    /// <summary>Shared texts: each cell refers to at most one, so more than every cell of a full sheet is no sheet.</summary>
    private const int MaxSharedStrings = (MaxRows + 1) * MaxColumns;

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool IsXlsx(ReadOnlySpan<byte> start) => start.Length >= 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4;

    /// <summary>
    /// The file read once, whole, into texts; every way it can be unreadable (not a zip, truncated, a DTD, a part that
    /// unpacks to more than a sheet can hold) is a <see cref="SheetException"/> with a Swedish message, never another
    /// exception.
    /// </summary>
    public static SheetData Read(string path)
    {
        List<SheetRow> list;
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> start = stackalloc byte[4];
            var n = stream.Read(start);
            stream.Position = 0;
            list = IsXlsx(start[..n]) ? ReadXlsx(stream) : NonEmpty(ReadCsv(stream));
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException
            or InvalidOperationException or FormatException or OverflowException or ArgumentException or NotSupportedException)
        {
            throw new SheetException("Filen går inte att läsa som en Excel-fil (.xlsx). Spara den på nytt från Excel, eller som CSV.");
        }
        if (list.Count == 0) throw new SheetException("Filen är tom. Den ska ha en rubrikrad och en rad per projekt.");
        if (list.Count > MaxRows + 1) throw TooManyRows();
        var headers = list[0].Cells.Select(c => c?.Trim() ?? "").ToList();
        while (headers.Count > 0 && headers[^1].Length == 0) headers.RemoveAt(headers.Count - 1);
        if (headers.Count == 0) throw new SheetException("Filens första rad ska vara rubriker (till exempel Titel, Start, Slut, Total budget).");
        for (var i = 0; i < headers.Count; i++)
            if (headers[i].Length == 0) headers[i] = $"Kolumn {ColumnName(i)}";
        return new SheetData(headers, list.Skip(1).ToList());
    }

    private static SheetException TooManyRows() =>
        new($"Filen har fler än {MaxRows.ToString("N0", Swedish)} projektrader. Dela upp den i flera filer med högst {MaxRows.ToString("N0", Swedish)} rader var.");

    private static SheetException TooMuchText() => new("Filen innehåller mer text än en import tar emot. Dela upp den i flera filer.");

    /// <summary>The rows with a text in them, the header and at most one more than a file may have (which refuses it).</summary>
    private static List<SheetRow> NonEmpty(IEnumerable<SheetRow> rows) =>
        rows.Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).Take(MaxRows + 2).ToList();

    /// <summary>A column's letters as Excel shows them: 0 → A, 27 → AB.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26) name = (char)('A' + (i - 1) % 26) + name;
        return name;
    }

    /// <summary>
    /// The first sheet, streamed element by element: a row's cells are read one at a time (never the row as one
    /// tree), each row and each cell element counts against a bound before it is read, and reading stops at the first
    /// row past <see cref="MaxRows"/>.
    /// </summary>
    private static List<SheetRow> ReadXlsx(Stream stream)
    {
        using var doc = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
        var book = doc.WorkbookPart ?? throw new SheetException("Excel-filen har inga blad.");
        var first = book.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
            ?? throw new SheetException("Excel-filen har inga blad.");
        if (first.Id?.Value is not { } id || book.GetPartById(id) is not WorksheetPart sheet)
            throw new SheetException("Excel-filens första blad går inte att läsa.");
        long chars = 0;
        var shared = SharedStrings(book, ref chars);
        var styles = CellNumberStyles(book);
        var rows = new List<SheetRow>();
        using var reader = OpenXmlReader.Create(sheet);
        var (rowElements, next, number) = (0, 1, 0);
        List<string?>? cells = null;
        var column = 0;
        void Flush()
        {
            if (cells is not null && cells.Any(c => !string.IsNullOrWhiteSpace(c))) rows.Add(new SheetRow(number, cells));
            if (rows.Count > MaxRows + 1) throw TooManyRows();
            cells = null;
        }
        // LoadCurrentElement moves the reader past the cell, onto what follows it: no Read() then.
        var moved = false;
        while (moved || reader.Read())
        {
            moved = false;
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                Flush();
                if (++rowElements > MaxRowElements)
                    throw new SheetException($"Filen har fler än {MaxRowElements.ToString("N0", Swedish)} rader, tomma rader medräknade. Kopiera projektraderna till en ny arbetsbok.");
                var reference = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                number = uint.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 1_048_576 ? (int)r : next;
                next = number + 1;
                (cells, column) = ([], 0);
            }
            else if (reader.ElementType == typeof(Cell) && reader.IsStartElement && cells is not null)
            {
                // Counted before it is read: a row of a million cell elements is refused at the 101st.
                if (cells.Count >= MaxColumns)
                    throw new SheetException($"Rad {number} har fler än {MaxColumns} kolumner. Ta bort de kolumner som inte ska läsas in.");
                var cell = (Cell)reader.LoadCurrentElement()!;
                moved = true;
                if (cell.CellReference?.Value is { } at) column = Math.Max(ColumnIndex(at), cells.Count);
                if (column >= MaxColumns)
                    throw new SheetException($"Rad {number} har fler än {MaxColumns} kolumner. Ta bort de kolumner som inte ska läsas in.");
                while (cells.Count < column) cells.Add(null);
                var text = CellText(cell, shared, styles);
                chars += text?.Length ?? 0;
                if (chars > MaxChars) throw TooMuchText();
                cells.Add(text);
                column++;
            }
        }
        Flush();
        return rows;
    }

    /// <summary>
    /// The shared texts, streamed: each item's texts and runs, not the phonetic guide (rPh) that Japanese Excel adds,
    /// and no item loaded as a tree, so that a table of many tiny items costs a string each and no more.
    /// </summary>
    private static List<string> SharedStrings(WorkbookPart book, ref long chars)
    {
        var list = new List<string>();
        if (book.SharedStringTablePart is not { } part) return list;
        using var reader = OpenXmlReader.Create(part);
        StringBuilder? item = null;
        var moved = false;
        while (moved || reader.Read())
        {
            moved = false;
            if (reader.ElementType == typeof(SharedStringItem))
            {
                if (item is not null)
                {
                    if (list.Count >= MaxSharedStrings) throw TooMuchText();
                    list.Add(item.ToString());
                }
                item = reader.IsStartElement ? new StringBuilder() : null;
            }
            else if (reader.ElementType == typeof(PhoneticRun) && reader.IsStartElement)
            {
                reader.Skip();
                moved = true;
            }
            else if (reader.ElementType == typeof(Text) && reader.IsStartElement && item is not null)
            {
                var text = reader.GetText();
                chars += text.Length;
                if (chars > MaxChars) throw TooMuchText();
                item.Append(text);
            }
        }
        return list;
    }

    private enum DatePrecision { None, Year, Month, Day }

    /// <summary>What a cell style's number format says about its number: how much of a date it shows, or the currency it writes.</summary>
    private readonly record struct NumberStyle(DatePrecision Date, string? Unit);

    /// <summary>Per cell style (index into cellXfs), what its number format shows.</summary>
    private static List<NumberStyle> CellNumberStyles(WorkbookPart book)
    {
        var styles = book.WorkbookStylesPart?.Stylesheet;
        var custom = styles?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        return styles?.CellFormats?.Elements<CellFormat>().Select(f =>
        {
            var id = f.NumberFormatId?.Value ?? 0;
            // Excel's built-in date formats (14–17, 22); anything else by its format code.
            if (id is >= 14 and <= 17 or 22) return new NumberStyle(DatePrecision.Day, null);
            return custom.TryGetValue(id, out var code) ? StyleOf(code) : default;
        }).ToList() ?? [];
    }

    private static NumberStyle StyleOf(string code)
    {
        // The currency is in the quoted text or the [$€-x] locale part ("#,##0 kr", "#,##0.00\ "SEK"", "[$€-2] #,##0");
        // the date letters only outside them.
        var letters = new StringBuilder();
        var quoted = false;
        var bracket = false;
        foreach (var c in code.Split(';')[0])
        {
            if (c == '"') quoted = !quoted;
            else if (c == '[') bracket = true;
            else if (c == ']') bracket = false;
            else if (!quoted && !bracket) letters.Append(char.ToLowerInvariant(c));
        }
        var s = letters.ToString();
        var lower = code.Split(';')[0].ToLowerInvariant();
        string? unit = lower.Contains("sek", StringComparison.Ordinal) || lower.Contains("kr", StringComparison.Ordinal) ? "kr"
            : lower.Contains('€') || lower.Contains("eur", StringComparison.Ordinal) ? "€"
            : lower.Contains("nok", StringComparison.Ordinal) ? "NOK" : null;
        if (unit is not null) return new NumberStyle(DatePrecision.None, unit);
        if (!s.Contains('y')) return new NumberStyle(s.Contains('d') && s.Contains('m') ? DatePrecision.Day : DatePrecision.None, null);
        return new NumberStyle(s.Contains('d') ? DatePrecision.Day : s.Contains('m') ? DatePrecision.Month : DatePrecision.Year, null);
    }

    private static string? CellText(Cell cell, List<string> shared, List<NumberStyle> styles)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString) return cell.InlineString?.InnerText;
        if (raw is null) return null;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count ? shared[i] : null;
        if (type == CellValues.Boolean) return raw == "1" ? "ja" : "nej";
        if (type == CellValues.Date) return raw.Length >= 10 ? raw[..10] : raw;
        if (type == CellValues.String || type == CellValues.Error) return raw;
        // 1E+300 and NaN are numbers to a double but to no project: left as written, for the form's rules to refuse.
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || !double.IsFinite(number) || Math.Abs(number) >= 7.9e27) return raw;
        var style = (int)(cell.StyleIndex?.Value ?? 0);
        var format = style < styles.Count ? styles[style] : default;
        var precision = format.Date;
        if (precision != DatePrecision.None && number is > 0 and < 2_958_466)
        {
            var day = DateTime.FromOADate(number);
            return precision switch
            {
                DatePrecision.Year => day.ToString("yyyy", CultureInfo.InvariantCulture),
                DatePrecision.Month => day.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                _ => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
        }
        // As a Swedish Excel shows it, without thousands separators: 450000, 12,5, with the currency its format writes
        // ("450000 kr"), which FieldRules.Money reads as it reads a typed one. The invariant minus, so that FieldRules
        // sees "-5" as typed.
        var text = ((decimal)number).ToString("0.##########", CultureInfo.InvariantCulture).Replace('.', ',');
        return format.Unit is null ? text : $"{text} {format.Unit}";
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return Math.Max(index - 1, 0);
    }

    private static List<SheetRow> ReadCsv(Stream stream)
    {
        if (stream.Length > MaxBytes) throw new SheetException("Filen är för stor.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return ParseCsv(Decode(bytes));
    }

    /// <summary>
    /// UTF-8 with or without BOM as newer Excel writes "CSV UTF-8"; otherwise Windows-1252, what "CSV (semikolonavgränsad)"
    /// writes on a Swedish Windows. Bytes that are not valid UTF-8 decide it.
    /// </summary>
    private static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble)) return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }

    private static List<SheetRow> ParseCsv(string text)
    {
        var rows = new List<SheetRow>();
        var at = 0;
        var number = 1;
        // Excel's own hint on the first line, "sep=;"; otherwise the separator the header uses most.
        var separator = ';';
        if (text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && text.Length > 4)
        {
            separator = text[4];
            at = text.IndexOf('\n') is var nl and >= 0 ? nl + 1 : text.Length;
        }
        else
        {
            var firstLine = text[..(text.IndexOf('\n') is var nl and >= 0 ? nl : text.Length)];
            int Count(char c) { var k = 0; foreach (var x in firstLine) if (x == c) k++; return k; }
            var (semi, comma, tab) = (Count(';'), Count(','), Count('\t'));
            separator = tab > semi && tab > comma ? '\t' : comma > semi ? ',' : ';';
        }

        var cells = new List<string?>();
        var cell = new StringBuilder();
        var quoted = false;
        for (; at < text.Length; at++)
        {
            var c = text[at];
            if (quoted)
            {
                if (c == '"' && at + 1 < text.Length && text[at + 1] == '"') { cell.Append('"'); at++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c == separator) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n')
            {
                cells.Add(cell.ToString());
                cell.Clear();
                Add();
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            Add();
        }
        return rows;

        void Add()
        {
            if (cells.Count > MaxColumns)
                throw new SheetException($"Rad {number} har fler än {MaxColumns} kolumner. Kontrollera att filen är semikolonavgränsad.");
            // A formula-like text the export protected with an apostrophe (SpreadsheetText) comes back as it was.
            rows.Add(new SheetRow(number, cells.Select(x => x is null ? null : Infrastructure.Text.SpreadsheetText.Unprotect(x.Replace("\r\n", "\n", StringComparison.Ordinal))).ToList()));
            cells = [];
            // Excel counts a record as one row, however many lines its quoted cells span.
            number++;
            if (rows.Count > MaxRows + 2) throw new SheetException($"Filen har fler än {MaxRows.ToString("N0", Swedish)} projektrader. Dela upp den i flera filer med högst {MaxRows.ToString("N0", Swedish)} rader var.");
        }
    }
}
