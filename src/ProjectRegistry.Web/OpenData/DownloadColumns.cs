using System.Globalization;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;

namespace ProjectRegistry.Web.OpenData;

/// <summary>A cell of the Excel download: text, a number in a format (a currency's, a percentage) or a date at a precision.</summary>
public readonly record struct SheetCell(SheetCellKind Kind, string? Text, double Number, int Style)
{
    public static SheetCell Of(string? text) => new(SheetCellKind.Text, text, 0, 0);
    public static SheetCell Num(decimal? n, int style = XlsxStyles.General) =>
        n is { } d ? new(SheetCellKind.Number, null, (double)d, style) : default;
    public static SheetCell Money(decimal? n, string? currency) => Num(n, XlsxStyles.Currency(currency));
    public static SheetCell Day(DateOnly? d, int style = XlsxStyles.Day) =>
        d is { } x ? new(SheetCellKind.Number, null, x.ToDateTime(TimeOnly.MinValue).ToOADate(), style) : default;

    /// <summary>
    /// A date at the precision the project gave ("2019", "2020-09", "2018-09-01"): a real date Excel sorts and
    /// filters, shown at that precision; a start is the period's first day and an end its last.
    /// </summary>
    public static SheetCell Partial(DateValue? v, bool end)
    {
        if (v is null) return default;
        var parts = v.Value.Split('-').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return parts.Length switch
        {
            1 => Day(end ? new DateOnly(parts[0], 12, 31) : new DateOnly(parts[0], 1, 1), XlsxStyles.Year),
            2 => Day(end ? new DateOnly(parts[0], parts[1], DateTime.DaysInMonth(parts[0], parts[1])) : new DateOnly(parts[0], parts[1], 1), XlsxStyles.Month),
            _ => Day(DateOnly.ParseExact(v.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
    }
}

public enum SheetCellKind { Empty, Text, Number }

/// <summary>
/// One column of the project downloads: its name (the CSV's header, and what <c>kolumner=</c> names), its CSV text
/// and its Excel cell (the text, unless the column is a number or a date). The CSV and the Excel file read this one
/// list, so a column means the same thing in both.
/// </summary>
public sealed record DownloadColumn(string Name, Func<ProjectRecord, string?> Text, Func<ProjectRecord, SheetCell>? Cell = null)
{
    public SheetCell CellOf(ProjectRecord r) => Cell is null ? SheetCell.Of(Text(r)) : Cell(r);
}

public static class DownloadColumns
{
    public const string QueryKey = "kolumner";

    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");

    private static string Amount(MoneyValue? m) => m is null ? "" : m.Amount.ToString(m.Amount % 1 == 0 ? "0" : "0.00", Sv);
    private static string Join(IEnumerable<string?> parts) => string.Join("; ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    private static string MoneyText(MoneyValue? m) => m is null ? "" : $"{Amount(m)} {m.Currency}";
    private static string Inner(IEnumerable<string?> parts) => Join(parts).Replace("; ", ", ", StringComparison.Ordinal);

    // The sums by kind as numbers Excel can add up, when the stated amounts are in one currency (nearly every
    // project); with two, the columns stay empty and the currency column says so, rather than add SEK to EUR.
    private static string? Sum(ProjectRecord r, Func<FinancingRecord, decimal> part) => r.Financing is [var one] ? part(one).ToString("0.##", Sv) : null;
    private static SheetCell SumCell(ProjectRecord r, Func<FinancingRecord, decimal> part) =>
        r.Financing is [var one] ? SheetCell.Money(part(one), one.Currency) : default;

    /// <summary>
    /// A text the form keeps as it is, as its column: the header the field table gives it, and the open-data record's
    /// property of the field's name (a new text without one stops the app at its first download, naming it).
    /// </summary>
    private static DownloadColumn Text(ProjectField field)
    {
        var property = typeof(ProjectRecord).GetProperty(field.Key);
        if (property?.GetMethod is not { } getter || property.PropertyType != typeof(string))
            throw new InvalidOperationException($"ProjectRecord har ingen text {field.Key} för nedladdningens kolumn \"{field.ExportColumn}\".");
        return new(field.ExportColumn!, getter.CreateDelegate<Func<ProjectRecord, string?>>());
    }

    /// <summary>
    /// The columns in the order readers have always had them, then every text of the field table the list does not
    /// place (a new text of the form, in the form's order): a field added to the table is in the downloads without a
    /// line here, and at the end, where it moves no column a reader's script counts on.
    /// </summary>
    public static readonly IReadOnlyList<DownloadColumn> All = WithTheTablesTexts(
    [
        new("Adress", r => r.Slug),
        Text(ProjectFields.Title),
        Text(ProjectFields.ShortName),
        new("Status", r => r.Status.Label),
        new("Publiceras av", r => r.Publisher.Name),
        new("Projektägare", r => r.Owner?.Name),
        Text(ProjectFields.Purpose),
        Text(ProjectFields.Goal),
        new("Delmål", r => Join(r.SubGoals)),
        new("Målgrupper", r => Join(r.TargetGroups)),
        Text(ProjectFields.SteeringGroup),
        new("Start", r => r.Start?.Value, r => SheetCell.Partial(r.Start, end: false)),
        new("Slut", r => r.End?.Value, r => SheetCell.Partial(r.End, end: true)),
        new("Total budget", r => Amount(r.Budget), r => SheetCell.Money(r.Budget?.Amount, r.Budget?.Currency)),
        new("Valuta", r => r.Budget?.Currency),
        new("Kommuner", r => Join(r.Municipalities.Select(m => m.Name))),
        new("Kommunkoder", r => Join(r.Municipalities.Select(m => m.Code))),
        new("Orter", r => Join(r.Places.Select(x => x.Name))),
        new("Målområden", r => Join(r.GoalAreas)),
        new("Inriktningsmål", r => Join(r.DirectionGoals)),
        new("Finansiärer", r => Join(r.Financiers.Select(f => Inner([f.Organisation.Name, f.Contribution, MoneyText(f.Amount), f.AccountingReference, f.Note])))),
        new("Finansieringens valuta", r => r.Financing.Count > 1 ? "flera (se Finansiärer)" : r.Financing.Count == 1 ? r.Financing[0].Currency : null),
        new("Stöd", r => Sum(r, f => f.Grant), r => SumCell(r, f => f.Grant)),
        new("Offentlig medfinansiering", r => Sum(r, f => f.PublicCofinancing), r => SumCell(r, f => f.PublicCofinancing)),
        new("Privat medfinansiering", r => Sum(r, f => f.PrivateCofinancing), r => SumCell(r, f => f.PrivateCofinancing)),
        new("varav ideell tid", r => Sum(r, f => f.VolunteerTime), r => SumCell(r, f => f.VolunteerTime)),
        new("Timmar ideell tid", r => Sum(r, f => f.VolunteerHours), r => r.Financing is [var one] ? SheetCell.Num(one.VolunteerHours) : default),
        new("varav ideell resurs", r => Sum(r, f => f.DonatedResources), r => SumCell(r, f => f.DonatedResources)),
        new("Finansiering totalt", r => Sum(r, f => f.Total), r => SumCell(r, f => f.Total)),
        new("Stödandel (%)", r => r.Financing is [{ SupportRate: { } rate }] ? (rate * 100).ToString("0.#", Sv) : null,
            r => r.Financing is [{ SupportRate: { } rate }] ? SheetCell.Num(rate, XlsxStyles.Percent) : default),
        new("Partner", r => Join(r.Partners.Select(p => Inner([p.Organisation.Name, MoneyText(p.BudgetShare), p.Role])))),
        Text(ProjectFields.FinancingNote),
        new("Kontakter", r => Join(r.Contacts.Select(c => Inner([c.Name, c.Role, c.Organisation, c.Phone, c.Email])))),
        new("Länkar", r => Join(r.Links.Select(l => l.Url is null ? l.Text : $"{l.Text} <{l.Url}>"))),
        new("Identifierare", r => Join(r.Identifiers.Select(i => $"{i.Registry}: {i.Value}"))),
        new("Senast uppdaterad", r => r.UpdatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r => SheetCell.Day(DateOnly.FromDateTime(r.UpdatedAt))),
        new("Webbadress", r => r.Url),
        Text(ProjectFields.Description),
        new("Resultat", r => Join(r.Results.Select(Downloads.ResultText))),
        Text(ProjectFields.ResultsText),
    ]);

    private static IReadOnlyList<DownloadColumn> WithTheTablesTexts(List<DownloadColumn> placed) =>
    [
        .. placed,
        .. ProjectFields.All.Where(f => f.Stored is not null && f.ExportColumn is { } name && placed.All(c => c.Name != name)).Select(Text),
    ];

    /// <summary>
    /// The columns <c>?kolumner=</c> names (comma-separated, in the CSV's header spelling, any case), in the order
    /// given; every column when absent or empty. An unknown name is the reader's mistake: a Swedish message naming it.
    /// </summary>
    public static IReadOnlyList<DownloadColumn> Parse(string? value, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(value)) return All;
        var chosen = new List<DownloadColumn>();
        foreach (var name in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var column = All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                var shown = name.Length > 60 ? name[..60] + "…" : name;
                error = $"Okänd kolumn i kolumner=: \"{shown}\". Kolumnerna heter: {string.Join(", ", All.Select(c => c.Name))}.";
                return [];
            }
            if (!chosen.Contains(column)) chosen.Add(column);
        }
        return chosen.Count == 0 ? All : chosen;
    }
}
