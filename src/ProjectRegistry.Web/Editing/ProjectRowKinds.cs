using System.Collections;
using System.Globalization;

namespace ProjectRegistry.Web.Editing;

/// <summary>
/// A kind of row of the project form (partners, financiers ...): what one row is called, the name of a row's first
/// field (where the focus goes), and how a row is added, removed and counted.
/// </summary>
public sealed record RowKind(string Code, string Label, string FirstFieldName, Func<ProjectInput, IList> Rows, Func<object> NewRow)
{
    public int Count(ProjectInput input) => Rows(input).Count;

    public void Add(ProjectInput input) => Rows(input).Add(NewRow());

    /// <summary>Removes row <paramref name="index"/>; an index that is not there (a second click) removes nothing.</summary>
    public void RemoveAt(ProjectInput input, int index)
    {
        var rows = Rows(input);
        if (index >= 0 && index < rows.Count) rows.RemoveAt(index);
    }

    /// <summary>The element id of row <paramref name="index"/>'s first field.</summary>
    public string FirstField(int index) => $"Input_{FirstFieldName.Replace("{i}", index.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)}"
        .Replace('.', '_').Replace('[', '_').Replace(']', '_');
}

public static class ProjectRowKinds
{
    /// <summary>The row kinds by the code their buttons post, in the order the form shows them.</summary>
    public static readonly IReadOnlyDictionary<string, RowKind> All = new RowKind[]
    {
        new("partner", "Partner", "Partners[{i}].OrganisationId", i => i.Partners, () => new ProjectInput.PartnerRow()),
        new("finansiar", "Finansiär", "Financiers[{i}].OrganisationId", i => i.Financiers, () => new ProjectInput.FinancierRow()),
        new("resultat", "Indikator", "Results[{i}].IndicatorId", i => i.Results, () => new ProjectInput.ResultRow()),
        new("kontakt", "Kontakt", "Contacts[{i}].Name", i => i.Contacts, () => new ProjectInput.ContactRow()),
        new("lank", "Länk", "Links[{i}].Kind", i => i.Links, () => new ProjectInput.LinkRow()),
        new("identifierare", "Identifierare", "Identifiers[{i}].Registry", i => i.Identifiers, () => new ProjectInput.IdentifierRow()),
    }.ToDictionary(k => k.Code);

    /// <summary>The kind whose rows a form key ("Financiers[2].Amount") names, or null.</summary>
    public static RowKind? Of(string field) => All.Values.FirstOrDefault(k => k.FirstFieldName.StartsWith(field + "[", StringComparison.Ordinal));
}
