using System.Globalization;

namespace ProjectRegistry.Web.Infrastructure.Text;

/// <summary>
/// Times are stored in UTC and shown as a clock in Sweden shows them, summer time included, whatever
/// time zone the server runs in.
/// </summary>
public static class SwedishTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public static DateTime FromUtc(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>"2026-11-23 21:04:05", for logs and tables that are scanned.</summary>
    public static string Format(DateTime utc) => FromUtc(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"23 november 2026", the day in Sweden.</summary>
    public static string Day(DateTime utc) => FromUtc(utc).ToString("d MMMM yyyy", Swedish);

    /// <summary>"23 november 2026 kl. 21:04".</summary>
    public static string DayAndTime(DateTime utc) => FromUtc(utc).ToString("d MMMM yyyy 'kl.' HH:mm", Swedish);

    /// <summary>The Swedish day as ISO, for a time element's datetime attribute.</summary>
    public static string IsoDay(DateTime utc) => FromUtc(utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"i dag", "i går", "för 3 dagar sedan", "för 2 månader sedan", "för 1 år sedan": by the Swedish calendar day.</summary>
    public static string Relative(DateTime utc, DateTime nowUtc)
    {
        var days = DateOnly.FromDateTime(FromUtc(nowUtc)).DayNumber - DateOnly.FromDateTime(FromUtc(utc)).DayNumber;
        return days switch
        {
            <= 0 => "i dag",
            1 => "i går",
            < 14 => $"för {days} dagar sedan",
            < 60 => $"för {days / 7} veckor sedan",
            < 365 => $"för {days / 30} månader sedan",
            < 730 => "för 1 år sedan",
            _ => $"för {days / 365} år sedan",
        };
    }
}
