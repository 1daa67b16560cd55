using System.Globalization;

namespace ProjectRegistry.Web.Domain;

/// <summary>
/// A date known to the year, the month or the day, as the sources give them ("2019", "september 2020",
/// "20180901"). It is displayed at the precision it was recorded with, never padded to a false day.
/// </summary>
public sealed record PartialDate
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public PartialDate(int year, int? month = null, int? day = null)
    {
        if (year is < 1000 or > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "Året måste ha fyra siffror.");
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "Månaden måste vara 1–12.");
        if (day is not null && month is null) throw new ArgumentException("En dag kräver en månad.", nameof(day));
        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value)))
            throw new ArgumentOutOfRangeException(nameof(day), day, "Dagen finns inte i den månaden.");
        Year = year;
        Month = month;
        Day = day;
    }

    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }

    public DatePrecision Precision => Day is not null ? DatePrecision.Day : Month is not null ? DatePrecision.Month : DatePrecision.Year;

    /// <summary>Parses ÅÅÅÅ, ÅÅÅÅ-MM, ÅÅÅÅ-MM-DD and the compact ÅÅÅÅMMDD that one source uses.</summary>
    public static bool TryParse(string? text, out PartialDate? date)
    {
        date = null;
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s)) return false;
        if (s.Length == 8 && s.All(char.IsAsciiDigit)) s = $"{s[..4]}-{s[4..6]}-{s[6..]}";
        var parts = s.Split('-');
        if (parts.Length > 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit))) return false;
        if (parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length != 2)) return false;
        var year = int.Parse(parts[0], CultureInfo.InvariantCulture);
        int? month = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : null;
        int? day = parts.Length > 2 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : null;
        if (year < 1000 || month is < 1 or > 12) return false;
        if (day is not null && (day < 1 || day > DateTime.DaysInMonth(year, month!.Value))) return false;
        date = new PartialDate(year, month, day);
        return true;
    }

    /// <summary>ISO 8601 at the recorded precision: "2019", "2020-09", "2018-09-01".</summary>
    public string ToIsoString() => Precision switch
    {
        DatePrecision.Day => $"{Year:D4}-{Month:D2}-{Day:D2}",
        DatePrecision.Month => $"{Year:D4}-{Month:D2}",
        _ => $"{Year:D4}",
    };

    /// <summary>Swedish reading form: "2019", "september 2020", "1 september 2018".</summary>
    public string ToDisplayString() => Precision switch
    {
        DatePrecision.Day => $"{Day} {MonthName(Month!.Value)} {Year}",
        DatePrecision.Month => $"{MonthName(Month!.Value)} {Year}",
        _ => Year.ToString(CultureInfo.InvariantCulture),
    };

    public override string ToString() => ToIsoString();

    /// <summary>The first day this date may mean (used to check that an end is not before a start).</summary>
    public DateOnly Earliest => new(Year, Month ?? 1, Day ?? 1);

    /// <summary>The last day this date may mean.</summary>
    public DateOnly Latest => Day is not null
        ? new DateOnly(Year, Month!.Value, Day.Value)
        : Month is not null
            ? new DateOnly(Year, Month.Value, DateTime.DaysInMonth(Year, Month.Value))
            : new DateOnly(Year, 12, 31);

    private static string MonthName(int month) => Swedish.DateTimeFormat.GetMonthName(month);
}

public enum DatePrecision
{
    Year,
    Month,
    Day,
}
