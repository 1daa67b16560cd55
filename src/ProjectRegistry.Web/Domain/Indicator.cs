using System.Globalization;

namespace ProjectRegistry.Web.Domain;

/// <summary>
/// What a publisher measures its projects by: one of the EU's result indicators in the CAP plan (R.37 new jobs,
/// R.39 rural businesses developed, R.41 people reached by better services …) or one of its own local indicators.
/// Each project is granted with a planned value and reports an achieved one; the strategy (LUS) sets a target.
/// </summary>
[PublicData]
public class Indicator
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public required string Name { get; set; }

    /// <summary>What is counted: "arbetstillfällen", "företag", "personer".</summary>
    public string? Unit { get; set; }
    public string? Description { get; set; }

    /// <summary>The EU result indicator's code ("R.37"), or null for a local indicator.</summary>
    public string? EuCode { get; set; }

    /// <summary>The strategy's target value in hundredths (see <see cref="IndicatorValues"/>).</summary>
    public long? Target { get; set; }

    /// <summary>The målområde the indicator follows up, if the strategy ties it to one.</summary>
    public int? GoalAreaId { get; set; }
    public GoalArea? GoalArea { get; set; }
    public int Position { get; set; }
}

/// <summary>A project's planned value (at decision) and achieved value (in the final report) for one indicator.</summary>
[PublicData]
public class ProjectIndicatorValue
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int IndicatorId { get; set; }
    public Indicator Indicator { get; set; } = null!;

    /// <summary>In hundredths (see <see cref="IndicatorValues"/>).</summary>
    public long? Planned { get; set; }

    /// <summary>In hundredths (see <see cref="IndicatorValues"/>).</summary>
    public long? Achieved { get; set; }
    public int Position { get; set; }
}

/// <summary>
/// Indicator values have at most two decimals and are held as integer hundredths, as money is held in öre, so that
/// SQLite sums and sorts them exactly in SQL (a decimal column it would sum in memory or as a double).
/// </summary>
public static class IndicatorValues
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>Above this a value is a typing error, and the sums of 100,000 projects still fit a long.</summary>
    public const decimal Max = 1_000_000_000_000m;

    public static decimal ToDecimal(long hundredths) => hundredths / 100m;

    public static long FromDecimal(decimal value) => decimal.ToInt64(decimal.Round(value * 100m));

    /// <summary>Swedish form: "1 250", "12,5".</summary>
    public static string Display(long hundredths) => ToDecimal(hundredths).ToString(hundredths % 100 == 0 ? "#,##0" : "#,##0.##", Swedish);

    /// <summary>The form a field shows and a snapshot stores: "1250", "12,5" (no thousands separator).</summary>
    public static string Text(long hundredths) => ToDecimal(hundredths).ToString(hundredths % 100 == 0 ? "0" : "0.##", Swedish);

    /// <summary>Invariant form for data: "1250", "12.5".</summary>
    public static string Invariant(long hundredths) => ToDecimal(hundredths).ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>The EU's result indicators (CAP strategic plan, annex I to regulation 2021/2115) that Leader projects are granted against.</summary>
public static class EuResultIndicators
{
    public sealed record Info(string Code, string Label);

    public static readonly IReadOnlyList<Info> All =
    [
        new("R.1", "Förbättrade resultat genom kunskap och innovation"),
        new("R.3", "Digitalisering av jordbruket"),
        new("R.27", "Miljö- eller klimatrelaterade resultat genom investeringar på landsbygden"),
        new("R.37", "Tillväxt och sysselsättning på landsbygden: nya arbetstillfällen"),
        new("R.38", "Leadertäckning"),
        new("R.39", "Utveckling av landsbygdsekonomin: landsbygdsföretag som utvecklats"),
        new("R.40", "Smart omställning av landsbygdsekonomin"),
        new("R.41", "Att knyta samman landsbygden: personer som nås av bättre tjänster"),
        new("R.42", "Främjande av social inkludering"),
    ];

    public static bool IsKnown(string? code) => All.Any(i => i.Code == code);
}
