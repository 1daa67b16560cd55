using Microsoft.AspNetCore.Mvc.ModelBinding;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Editing;

/// <summary>
/// One home for an indicator's rules, as <see cref="ProjectInput"/> is for a project's: the strategy page's indicator
/// forms and the seed importer's indikatorer: both fill it, so that a file may say what the form accepts.
/// </summary>
public sealed class IndicatorInput
{
    public string? Name { get; set; }
    public string? Unit { get; set; }
    public string? Description { get; set; }
    public string? EuCode { get; set; }
    public string? Target { get; set; }

    /// <summary>The målområde the indicator belongs to; null for none.</summary>
    public int? GoalAreaId { get; set; }

    /// <summary>The fields in the order the form shows them (and its messages are listed).</summary>
    public static readonly IReadOnlyList<string> FieldOrder =
        [nameof(Name), nameof(Unit), nameof(Description), nameof(EuCode), nameof(Target), nameof(GoalAreaId)];

    /// <summary>The values once checked.</summary>
    public sealed record Checked(string Name, string? Unit, string? Description, string? EuCode, long? Target, int? GoalAreaId);

    /// <summary>
    /// Cleans the texts and puts a Swedish message on each field key ("{prefix}.Name") that breaks a rule; null when
    /// anything is wrong. <paramref name="otherNames"/> are the names of the organisation's other indicators (a name is
    /// used once); <paramref name="goalAreaIds"/> the organisation's målområden.
    /// </summary>
    public Checked? Validate(ModelStateDictionary errors, IReadOnlyCollection<string> otherNames, IReadOnlyCollection<int> goalAreaIds, string prefix = "Input")
    {
        var before = errors.ErrorCount;
        void Error(string field, string message) => errors.AddModelError(prefix.Length == 0 ? field : $"{prefix}.{field}", message);
        Name = OrganisationTexts.IndicatorName.Clean(Name);
        Unit = OrganisationTexts.IndicatorUnit.Clean(Unit);
        Description = OrganisationTexts.IndicatorDescription.Clean(Description);
        EuCode = OrganisationTexts.Code.Clean(EuCode);
        Target = OrganisationTexts.IndicatorValue.Clean(Target);

        if (string.IsNullOrEmpty(Name)) Error(nameof(Name), "Skriv indikatorns namn, till exempel ”Nya arbetstillfällen”.");
        else if (OrganisationTexts.IndicatorName.Problem(Name) is { } p) Error(nameof(Name), p);
        else if (otherNames.Contains(Name)) Error(nameof(Name), $"Det finns redan en indikator som heter ”{Name}”.");
        if (OrganisationTexts.IndicatorUnit.Problem(Unit) is { } unitProblem) Error(nameof(Unit), unitProblem);
        if (OrganisationTexts.IndicatorDescription.Problem(Description) is { } descriptionProblem) Error(nameof(Description), descriptionProblem);
        if (EuCode is not null && !EuResultIndicators.IsKnown(EuCode)) Error(nameof(EuCode), "Välj en av EU:s resultatindikatorer i listan, eller ”Lokal indikator”.");
        long? target = null;
        if (OrganisationTexts.IndicatorValue.Problem(Target) is { } targetTooLong) Error(nameof(Target), targetTooLong);
        else if (FieldRules.IndicatorValue(Target, out target) is { } targetProblem) Error(nameof(Target), targetProblem);
        if (GoalAreaId is { } areaId && !goalAreaIds.Contains(areaId))
            Error(nameof(GoalAreaId), "Målområdet hör inte till den här strategin. Välj ett ur listan.");
        return errors.ErrorCount > before ? null : new Checked(Name!, Unit, Description, EuCode, target, GoalAreaId);
    }

    /// <summary>Writes the checked values, the name included.</summary>
    public static void ApplyTo(Indicator i, Checked c) =>
        (i.Name, i.Unit, i.Description, i.EuCode, i.Target, i.GoalAreaId) = (c.Name, c.Unit, c.Description, c.EuCode, c.Target, c.GoalAreaId);
}
