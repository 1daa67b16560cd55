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
    public const string Slug = "adress";
    public const string Title = "titel";
    public const string JournalNumber = "journalnummer";

    /// <summary>Columns of the registry's own export that a sheet cannot bring back: they are left out by themselves.</summary>
    private static readonly string[] ExportedNotImported = DownloadColumns.All.Select(c => c.Name)
        .Where(n => n is not ("Adress" or "Titel" or "Kortnamn" or "Status" or "Projektägare" or "Syfte" or "Mål" or "Delmål" or "Målgrupper"
            or "Styrgrupp" or "Start" or "Slut" or "Total budget" or "Valuta" or "Kommuner" or "Orter" or "Om finansieringen" or "Identifierare"
            or "Beskrivning" or "Om resultaten"))
        .ToArray();

    public static readonly IReadOnlyList<ImportField> All =
    [
        new(Slug, "Adress (/projekt/…)", ["Adress", "Slug", "Projektadress"], (p, v, _) => { p.Slug = v; return null; }, ["Slug"]),
        new(Title, "Titel", ["Titel", "Projektnamn", "Projekttitel", "Projekt", "Namn"], (p, v, _) => { p.Title = v ?? ""; return null; }, ["Title"]),
        new("kortnamn", "Kortnamn", ["Kortnamn", "Förkortning"], (p, v, _) => { p.ShortName = v; return null; }, ["ShortName"]),
        new("status", "Status", ["Status", "Projektstatus"], (p, v, _) => { p.Status = StatusSlug(v); return null; }, ["Status", "StatusDate"]),
        new("projektagare", "Projektägare", ["Projektägare", "Ägare", "Sökande", "Stödmottagare"], SetOwner, ["OwnerId"]),
        new("syfte", "Syfte", ["Syfte"], (p, v, _) => { p.Purpose = v; return null; }, ["Purpose"]),
        new("mal", "Mål", ["Mål", "Projektmål"], (p, v, _) => { p.Goal = v; return null; }, ["Goal"]),
        new("delmal", "Delmål (ett per rad eller åtskilda med semikolon)", ["Delmål"], (p, v, _) => { p.SubGoals = Lines(v); return null; }, ["SubGoals"]),
        new("malgrupper", "Målgrupper (åtskilda med semikolon)", ["Målgrupper", "Målgrupp"], (p, v, _) => { p.TargetGroups = Lines(v); return null; }, ["TargetGroups"]),
        new("styrgrupp", "Styrgrupp", ["Styrgrupp"], (p, v, _) => { p.SteeringGroup = v; return null; }, ["SteeringGroup"]),
        new("start", "Start", ["Start", "Startdatum", "Projektstart", "Från"], (p, v, _) => { p.Start = v; return null; }, ["Start"]),
        new("slut", "Slut", ["Slut", "Slutdatum", "Projektslut", "Till"], (p, v, _) => { p.End = v; return null; }, ["End"]),
        new("budget", "Total budget", ["Total budget", "Budget", "Totalbudget", "Total projektbudget"], (p, v, _) => { p.BudgetAmount = v; return null; }, ["BudgetAmount"]),
        new("valuta", "Valuta för budgeten", ["Valuta"], (p, v, _) => { p.BudgetCurrency = v; return null; }, ["BudgetCurrency"]),
        new("kommuner", "Kommuner", ["Kommuner", "Kommun"], (p, v, _) => { p.Municipalities = v; return null; }, ["Municipalities"]),
        new("orter", "Orter (åtskilda med semikolon)", ["Orter", "Ort", "Platser"], SetPlaces, ["Places"]),
        new("om-finansieringen", "Om finansieringen", ["Om finansieringen"], (p, v, _) => { p.FinancingNote = v; return null; }, ["FinancingNote"]),
        new("beskrivning", "Beskrivning", ["Beskrivning", "Projektbeskrivning", "Kort beskrivning"], (p, v, _) => { p.Description = v; return null; }, ["Description"]),
        new("om-resultaten", "Om resultaten", ["Om resultaten"], (p, v, _) => { p.ResultsText = v; return null; }, ["ResultsText"]),
        new(JournalNumber, "Jordbruksverkets ärendenummer", ["Journalnummer", "Jordbruksverkets ärendenummer", "Ärendenummer", "Diarienummer", "SJV-nummer", "Journalnr"],
            (p, v, _) => { SetIdentifier(p, ExternalRegistry.Jordbruksverket, v); return null; }, ["Identifiers"]),
        new("identifierare", "Identifierare (register: värde; …)", ["Identifierare"], SetIdentifiers, ["Identifiers"]),
    ];

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
        var lines = (text ?? "").Contains('\n') ? ProjectInput.Split(text, '\n') : ProjectInput.Split(Lines(text), '\n');
        p.Places = lines.Count == 0 ? null : string.Join("\n", lines.Select(n => known.GetValueOrDefault(n) ?? n));
        return null;
    }

    private static string? SetIdentifiers(ProjectInput p, string? text, ProjectLookups lookups)
    {
        p.Identifiers = [];
        foreach (var part in ProjectInput.Split(Lines(text), '\n'))
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

    /// <summary>A list cell, "a; b" as the export joins it or one item per line, as lines.</summary>
    private static string? Lines(string? text)
    {
        var items = (text ?? "").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length == 0 ? null : string.Join("\n", items);
    }
}
