using System.Globalization;

namespace ProjectRegistry.Web.Infrastructure;

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
}
