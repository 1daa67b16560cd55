using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.OpenData;

namespace ProjectRegistry.Web.Pages.Admin.Import;

/// <summary>
/// A project field a sheet's column can fill: how it is named in headers (the first name is the one
/// /projekt.csv and /projekt.xlsx write, so that an export maps itself), and how a cell's text is put into the
/// project's form (<see cref="ProjectInput"/>), which then judges it as it judges what staff type.
/// </summary>
public sealed record ImportField(string Key, string Label, string[] Headers, Func<ProjectInput, string?, ProjectLookups, string?> Set, string[] InputKeys);

public static class ImportFields
{
    /// <summary>The columns that recognise a project or name a new one, as the field table names them.</summary>
    public static readonly string Slug = ProjectFields.Slug.Texts[0].Import!.Key;
    public static readonly string Title = ProjectFields.Title.Texts[0].Import!.Key;
    public const string JournalNumber = "journalnummer";

    /// <summary>
    /// The texts of the form a column fills as it is (<see cref="ProjectFields"/>), in the form's order, and then those
    /// that need a lookup or keep what the project has.
    /// </summary>
    public static readonly IReadOnlyList<ImportField> All =
    [
        .. ProjectFields.AllTexts.Where(t => t.Import is not null).Select(t => new ImportField(t.Import!.Key, t.Import.Label, t.Import.Headers,
            (p, v, _) => { t.Set(p, t.Import.FromCell is { } cell ? cell(v) : v); return null; }, [t.Name])),
        new("status", "Status", ["Status", "Projektstatus"], (p, v, _) => { p.Status = StatusSlug(v); return null; }, ["Status", "StatusDate"]),
        new("projektagare", "Projektägare", ["Projektägare", "Ägare", "Sökande", "Stödmottagare"], SetOwner, ["OwnerId"]),
        new("orter", "Orter (åtskilda med semikolon)", ["Orter", "Ort", "Platser"], SetPlaces, ["Places"]),
        new(JournalNumber, "Jordbruksverkets ärendenummer", ["Journalnummer", "Jordbruksverkets ärendenummer", "Ärendenummer", "Diarienummer", "SJV-nummer", "Journalnr"],
            (p, v, _) => { SetIdentifier(p, ExternalRegistry.Jordbruksverket, v); return null; }, ["Identifiers"]),
        new("identifierare", "Identifierare (register: värde; …)", ["Identifierare"], SetIdentifiers, ["Identifiers"]),
    ];

    /// <summary>Columns of the registry's own export that a sheet cannot bring back: they are left out by themselves (after <see cref="All"/>, which it reads).</summary>
    private static readonly string[] ExportedNotImported = DownloadColumns.All.Select(c => c.Name)
        .Where(n => !All.Any(f => f.Headers.Any(h => Normalise(h) == Normalise(n))))
        .ToArray();

    public static ImportField? Find(string? key) => All.FirstOrDefault(f => f.Key == key);

    /// <summary>A header as it is compared: trimmed, any case, with or without a colon or an asterisk.</summary>
    public static string Normalise(string header) => header.Trim().TrimEnd(':', '*').Trim().ToLowerInvariant();

    /// <summary>
    /// The field each column is taken to be, from its header (null: left out); each field once, the first column that
    /// names it. A column of the registry's own export that cannot be imported is left out by itself.
    /// </summary>
    public static List<string?> Guess(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string>? remembered)
    {
        var taken = new HashSet<string>();
        var result = new List<string?>();
        foreach (var header in headers)
        {
            var name = Normalise(header);
            string? key = null;
            if (remembered is not null && remembered.TryGetValue(name, out var known)) key = known.Length == 0 ? null : known;
            else if (!ExportedNotImported.Any(n => Normalise(n) == name))
                key = All.FirstOrDefault(f => f.Headers.Any(h => Normalise(h) == name))?.Key;
            if (key is not null && (Find(key) is null || !taken.Add(key))) key = null;
            result.Add(key);
        }
        return result;
    }

    private static string StatusSlug(string? text)
    {
        var s = FieldRules.Clean(text);
        if (s is null) return "";
        // The export writes the label ("Pågående"); the form's value is the slug ("pagaende"). Either is taken.
        var match = ProjectStatuses.All.FirstOrDefault(x => string.Equals(x.Label, s, StringComparison.CurrentCultureIgnoreCase)
            || string.Equals(x.Slug, s, StringComparison.OrdinalIgnoreCase));
        return match?.Slug ?? s;
    }

    private static string? SetOwner(ProjectInput p, string? text, ProjectLookups lookups)
    {
        if (FieldRules.Clean(text) is not { } name)
        {
            p.OwnerId = null;
            return null;
        }
        var matches = lookups.Organisations.Where(o => string.Equals(o.Value, name, StringComparison.CurrentCultureIgnoreCase)).ToList();
        if (matches.Count == 1)
        {
            p.OwnerId = matches[0].Key;
            return null;
        }
        return matches.Count == 0
            ? $"Hittar ingen organisation som heter ”{name}”. Skriv namnet som det står i registret, eller lägg till organisationen först."
            : $"Flera organisationer heter ”{name}”. Välj projektägaren i projektformuläret.";
    }

    /// <summary>
    /// Places as the export writes them ("Vuollerim; Porjus"), or one per line as the form takes them, coordinates
    /// allowed ("Vuollerim; 66,43; 20,61"). A place already known by name keeps its coordinates.
    /// </summary>
    private static string? SetPlaces(ProjectInput p, string? text, ProjectLookups lookups)
    {
        var known = ProjectInput.Split(p.Places, '\n').GroupBy(line => line.Split(';')[0].Trim(), StringComparer.CurrentCultureIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.CurrentCultureIgnoreCase);
        var lines = (text ?? "").Contains('\n') ? ProjectInput.Split(text, '\n') : ProjectInput.Split(ProjectFields.CellLines(text), '\n');
        p.Places = lines.Count == 0 ? null : string.Join("\n", lines.Select(n => known.GetValueOrDefault(n) ?? n));
        return null;
    }

    private static string? SetIdentifiers(ProjectInput p, string? text, ProjectLookups lookups)
    {
        p.Identifiers = [];
        foreach (var part in ProjectInput.Split(ProjectFields.CellLines(text), '\n'))
        {
            var colon = part.IndexOf(':');
            var (registry, value) = colon < 0 ? ("", part) : (part[..colon].Trim(), part[(colon + 1)..].Trim());
            var info = ExternalRegistries.All.FirstOrDefault(r => string.Equals(r.Code, registry, StringComparison.OrdinalIgnoreCase)
                || string.Equals(r.Label, registry, StringComparison.CurrentCultureIgnoreCase));
            // An unknown register is passed on as written, for the form's rule to name.
            p.Identifiers.Add(new ProjectInput.IdentifierRow { Registry = info?.Code ?? registry, Value = value });
        }
        return null;
    }

    private static void SetIdentifier(ProjectInput p, ExternalRegistry registry, string? value)
    {
        var code = ExternalRegistries.All.First(r => r.Registry == registry).Code;
        p.Identifiers.RemoveAll(i => i.Registry == code);
        if (FieldRules.Clean(value) is { } v) p.Identifiers.Insert(0, new ProjectInput.IdentifierRow { Registry = code, Value = v });
    }

}
