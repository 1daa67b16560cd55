using System.Text.Json;

namespace ProjectRegistry.Web.Editing;

/// <summary>
/// The three-way merge of two saves of one project that both started from the same version: a field only one of
/// them changed is taken from that one; a field both changed to different values is left for the person saving to
/// choose. Scalars are merged one by one; each list (financiers, contacts, links ...) is one field, since merging
/// rows of a list cannot tell a changed row from a removed and an added one.
/// </summary>
public static class ProjectMerge
{
    /// <summary>One mergeable field: the form's name for it (the key of a choice), the history's label, how to read it and to copy it.</summary>
    public sealed record Field(string Key, string Label, Func<ProjectInput, string?> Read, Action<ProjectInput, ProjectInput> Copy);

    /// <summary>The merged form, and the fields both sides changed to different values (the merged form has mine there).</summary>
    public sealed record Result(ProjectInput Merged, IReadOnlyList<Field> Conflicts);

    private static readonly JsonSerializerOptions Json = new();

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
    private static string List<T>(List<T> list) => JsonSerializer.Serialize(list, Json);

    /// <summary>Every field the form edits, in the form's order; the labels are those of <see cref="ProjectInput.Describe"/>.</summary>
    public static readonly IReadOnlyList<Field> Fields =
    [
        new("Title", "Titel", i => Text(i.Title), (to, from) => to.Title = from.Title),
        new("ShortName", "Kortnamn", i => Text(i.ShortName), (to, from) => to.ShortName = from.ShortName),
        new("Slug", "Adress", i => Text(i.Slug), (to, from) => to.Slug = from.Slug),
        new("PublisherId", "Publiceras av", i => i.PublisherId.ToString(System.Globalization.CultureInfo.InvariantCulture), (to, from) => to.PublisherId = from.PublisherId),
        new("Status", "Status", i => Text(i.Status), (to, from) => to.Status = from.Status),
        new("StatusDate", "Statusdatum", i => Text(i.StatusDate), (to, from) => to.StatusDate = from.StatusDate),
        new("OwnerId", "Projektägare", i => i.OwnerId?.ToString(System.Globalization.CultureInfo.InvariantCulture), (to, from) => to.OwnerId = from.OwnerId),
        new("Purpose", "Syfte", i => Text(i.Purpose), (to, from) => to.Purpose = from.Purpose),
        new("Goal", "Mål", i => Text(i.Goal), (to, from) => to.Goal = from.Goal),
        new("SubGoals", "Delmål", i => Text(i.SubGoals), (to, from) => to.SubGoals = from.SubGoals),
        new("TargetGroups", "Målgrupper", i => Text(i.TargetGroups), (to, from) => to.TargetGroups = from.TargetGroups),
        new("SteeringGroup", "Styrgrupp", i => Text(i.SteeringGroup), (to, from) => to.SteeringGroup = from.SteeringGroup),
        new("Description", "Beskrivning", i => Text(i.Description), (to, from) => to.Description = from.Description),
        new("Start", "Start", i => Text(i.Start), (to, from) => to.Start = from.Start),
        new("End", "Slut", i => Text(i.End), (to, from) => to.End = from.End),
        new("Municipalities", "Kommuner", i => Text(i.Municipalities), (to, from) => to.Municipalities = from.Municipalities),
        new("Places", "Orter", i => Text(i.Places), (to, from) => to.Places = from.Places),
        new("GoalAreaIds", "Målområden", i => List(i.GoalAreaIds.Order().ToList()), (to, from) => to.GoalAreaIds = [.. from.GoalAreaIds]),
        new("DirectionGoalIds", "Inriktningsmål", i => List(i.DirectionGoalIds.Order().ToList()), (to, from) => to.DirectionGoalIds = [.. from.DirectionGoalIds]),
        // An amount means nothing without its currency: the two are one field.
        new("Budget", "Total budget", i => Text(i.BudgetAmount) is { } a ? $"{a} {i.BudgetCurrency}" : null,
            (to, from) => (to.BudgetAmount, to.BudgetCurrency) = (from.BudgetAmount, from.BudgetCurrency)),
        new("Partners", "Partner", i => List(i.Partners), (to, from) => to.Partners = from.Partners),
        new("Financiers", "Finansiärer", i => List(i.Financiers), (to, from) => to.Financiers = from.Financiers),
        new("FinancingNote", "Om finansieringen", i => Text(i.FinancingNote), (to, from) => to.FinancingNote = from.FinancingNote),
        new("Results", "Resultat", i => List(i.Results), (to, from) => to.Results = from.Results),
        new("ResultsText", "Om resultaten", i => Text(i.ResultsText), (to, from) => to.ResultsText = from.ResultsText),
        new("Contacts", "Kontakter", i => List(i.Contacts), (to, from) => to.Contacts = from.Contacts),
        new("Links", "Länkar", i => List(i.Links), (to, from) => to.Links = from.Links),
        new("Identifiers", "Identifierare", i => List(i.Identifiers), (to, from) => to.Identifiers = from.Identifiers),
    ];

    public static Field? Find(string key) => Fields.FirstOrDefault(f => f.Key == key);

    /// <summary>
    /// Merges mine (the form being saved) and theirs (what is saved now) against the version both started from. The
    /// result starts from mine, so the form's version number and anything not merged stay those of the form. Without
    /// a base (its revision cannot be read) every field that differs is the person's to choose: nothing is guessed.
    /// </summary>
    public static Result Merge(ProjectInput? @base, ProjectInput theirs, ProjectInput mine)
    {
        var merged = Copy(mine);
        var conflicts = new List<Field>();
        foreach (var field in Fields)
        {
            var (t, m) = (field.Read(theirs), field.Read(mine));
            if (@base is null)
            {
                if (t != m) conflicts.Add(field);
                continue;
            }
            var b = field.Read(@base);
            if (t == m || t == b) continue; // the same on both sides, or only mine changed: mine stands
            if (m == b) field.Copy(merged, theirs); // only they changed it
            else conflicts.Add(field);
        }
        return new Result(merged, conflicts);
    }

    private static ProjectInput Copy(ProjectInput input)
    {
        var copy = new ProjectInput { Version = input.Version, BaseRevision = input.BaseRevision };
        foreach (var field in Fields) field.Copy(copy, input);
        return copy;
    }
}
