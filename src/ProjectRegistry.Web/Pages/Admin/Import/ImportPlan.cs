using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;

namespace ProjectRegistry.Web.Pages.Admin.Import;

/// <summary>
/// What a sheet would do to one organisation's list: each row a new, changed or unchanged project, or its problems
/// by row and column. Every row goes through the project form's own rules (<see cref="ProjectInput.Validate"/>):
/// an existing project is its form with the mapped columns typed over, a new one an empty form, so a sheet can
/// bring in nothing the form would refuse. The preview and the apply build the same plan from the same file.
/// </summary>
public sealed class ImportPlan
{
    public sealed record Problem(int Row, string? Column, string Message)
    {
        public override string ToString() => Column is null ? $"Rad {Row}: {Message}" : $"Rad {Row}, kolumn {Column}: {Message}";
    }

    /// <summary>A row and the write it plans (<see cref="ProjectChange"/>, as a save of the form plans it).</summary>
    public sealed record Item(int Row, string Title, string Slug, ProjectChange Write)
    {
        public ProjectChange.Outcome Change => Write.Kind;

        public IReadOnlyList<FieldChange> Changes => Write.Changes;

        public Project? Current => Write.Current;
    }

    public List<Item> Items { get; } = [];
    public List<Problem> Problems { get; } = [];

    /// <summary>Which columns recognise a project already in the registry, in Swedish for the preview.</summary>
    public string KeyDescription { get; private set; } = "";

    public int Count(ProjectChange.Outcome change) => Items.Count(i => i.Change == change);

    /// <summary>
    /// What the preview showed, as one value: each row's outcome and every change before → after. The preview's
    /// button carries it, and the import writes only when the plan built again from the kept file is the same, so a
    /// project someone saved in between is never overwritten unseen.
    /// </summary>
    public string Fingerprint()
    {
        var text = new System.Text.StringBuilder();
        foreach (var item in Items)
        {
            text.Append(item.Row).Append('\u001f').Append(item.Change).Append('\u001f').Append(item.Current?.Id).Append('\u001e');
            foreach (var c in item.Changes) text.Append(c.Field).Append('\u001f').Append(c.Before).Append('\u001f').Append(c.After).Append('\u001e');
        }
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static async Task<ImportPlan> BuildAsync(
        RegistryDbContext db, ProjectLookups lookups, int organisationId, SheetData sheet, IReadOnlyList<string?> mapping,
        bool track, DateTime now, DateOnly today, CancellationToken ct = default)
    {
        var plan = new ImportPlan();
        var slugColumn = Column(mapping, ImportFields.Slug);
        var journalColumn = Column(mapping, ImportFields.JournalNumber);
        plan.KeyDescription = (slugColumn, journalColumn) switch
        {
            (>= 0, >= 0) => $"Projekt som redan finns känns igen på kolumnen ”{sheet.Headers[slugColumn]}” (projektets adress i registret) och, där den är tom eller okänd, på ”{sheet.Headers[journalColumn]}” (Jordbruksverkets ärendenummer).",
            (>= 0, _) => $"Projekt som redan finns känns igen på kolumnen ”{sheet.Headers[slugColumn]}” (projektets adress i registret).",
            (_, >= 0) => $"Projekt som redan finns känns igen på kolumnen ”{sheet.Headers[journalColumn]}” (Jordbruksverkets ärendenummer).",
            _ => "Ingen kolumn är kopplad till Adress eller Jordbruksverkets ärendenummer, så varje rad blir ett nytt projekt.",
        };

        string? Cell(SheetRow row, int column) => column < 0 ? null : FieldRules.Clean(row[column]);
        var slugs = sheet.Rows.Select(r => Cell(r, slugColumn)).OfType<string>().Distinct().ToList();
        var journals = sheet.Rows.Select(r => Cell(r, journalColumn)).OfType<string>().Distinct().ToList();
        // Each list as ONE array parameter (EF.Parameter): EF 10's default, a parameter per value, made the 13 split
        // queries of WithEverything take 64 s and allocate 45 GB for a re-import of 2,000 projects on SQLite (a 2-core
        // machine shared with other builds); as one parameter, 0.9 s and 46 MB. The whole preview of those 2,000
        // unchanged rows then takes 4.6 s, and applying 2,000 new ones 25 s (most of it the first SaveChanges).
        // Only the target list's projects are looked up and shown: another organisation's project, a draft perhaps, is
        // said to exist elsewhere without its address or name (issue 24, M6).
        var query = ProjectHistory.WithEverything(db.Projects)
            .Where(p => p.PublisherId == organisationId && (EF.Parameter(slugs).Contains(p.Slug)
                || p.Identifiers.Any(i => i.Registry == ExternalRegistry.Jordbruksverket && EF.Parameter(journals).Contains(i.Value))));
        var slugsElsewhere = (await db.Projects.AsNoTracking()
            .Where(p => p.PublisherId != organisationId && EF.Parameter(slugs).Contains(p.Slug)).Select(p => p.Slug).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var journalsElsewhere = (await db.Projects.AsNoTracking().Where(p => p.PublisherId != organisationId)
            .SelectMany(p => p.Identifiers).Where(i => i.Registry == ExternalRegistry.Jordbruksverket && EF.Parameter(journals).Contains(i.Value))
            .Select(i => i.Value).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var existing = track ? await query.ToListAsync(ct) : await query.AsNoTracking().ToListAsync(ct);
        var bySlug = existing.ToDictionary(p => p.Slug, StringComparer.Ordinal);
        var byJournal = existing.SelectMany(p => p.Identifiers.Where(i => i.Registry == ExternalRegistry.Jordbruksverket).Select(i => (i.Value, p)))
            .GroupBy(x => x.Value).ToDictionary(g => g.Key, g => g.First().p);
        var publisher = lookups.Publishers.GetValueOrDefault(organisationId, "organisationen");

        var seenProjects = new Dictionary<int, int>();
        var claimedSlugs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows)
        {
            var problems = new List<Problem>();
            void Add(int column, string message) => problems.Add(new Problem(row.Number, column >= 0 ? sheet.Headers[column] : null, message));

            Project? current = null;
            var keyColumn = -1;
            var elsewhere = -1;
            var (slug, journal) = (Cell(row, slugColumn), Cell(row, journalColumn));
            if (slug is not null && bySlug.TryGetValue(slug, out var s)) (current, keyColumn) = (s, slugColumn);
            else if (slug is not null && slugsElsewhere.Contains(slug)) elsewhere = slugColumn;
            else if (journal is not null && byJournal.TryGetValue(journal, out var j)) (current, keyColumn) = (j, journalColumn);
            else if (journal is not null && journalsElsewhere.Contains(journal)) elsewhere = journalColumn;
            if (elsewhere >= 0)
            {
                Add(elsewhere, $"Ett projekt i en annan organisations lista har redan {(elsewhere == slugColumn ? "den adressen" : "det ärendenumret")}. En import ändrar bara projekt i {Infrastructure.Text.SwedishGrammar.Genitive(publisher)} lista: ta bort raden eller rätta värdet.");
                plan.Problems.AddRange(problems);
                continue;
            }
            if (current is not null && seenProjects.TryGetValue(current.Id, out var firstRow))
            {
                Add(keyColumn, $"Projektet /projekt/{current.Slug} står redan på rad {firstRow}. Ta bort den ena raden.");
                plan.Problems.AddRange(problems);
                continue;
            }
            if (current is not null) seenProjects[current.Id] = row.Number;

            var input = current is null ? new ProjectInput { PublisherId = organisationId } : ProjectInput.FromProject(current);
            for (var c = 0; c < mapping.Count && c < sheet.Headers.Count; c++)
                if (ImportFields.Find(mapping[c]) is { } field && field.Set(input, row[c], lookups) is { } problem)
                    Add(c, problem);

            var errors = new ModelStateDictionary();
            var parsed = input.Validate(errors, lookups.For(current?.Id ?? 0), prefix: "");
            foreach (var (key, entry) in errors)
                foreach (var error in entry.Errors)
                    Add(ColumnOf(key, mapping), error.ErrorMessage);
            if (parsed is not null && claimedSlugs.TryGetValue(parsed.Slug, out var other))
                Add(slugColumn >= 0 ? slugColumn : Column(mapping, ImportFields.Title),
                    $"Adressen /projekt/{parsed.Slug} får redan projektet på rad {other}. Ge raderna olika adresser eller titlar.");
            if (problems.Count > 0 || parsed is null)
            {
                plan.Problems.AddRange(problems);
                continue;
            }
            claimedSlugs[parsed.Slug] = row.Number;

            plan.Items.Add(new Item(row.Number, input.Title, parsed.Slug, ProjectChange.Plan(input, parsed, current, lookups, now, today)));
        }
        return plan;
    }

    /// <summary>
    /// Writes the plan in one transaction: new projects as drafts (an admin publishes them), changed ones with a
    /// revision saying which file changed them; unchanged rows write nothing. Only for a plan without problems,
    /// built with tracking.
    /// </summary>
    public async Task ApplyAsync(RegistryDbContext db, ProjectLookups lookups, Infrastructure.Security.StaffContext staff, string fileName,
        DateTime now, DateOnly today, CancellationToken ct = default)
    {
        if (Problems.Count > 0) throw new InvalidOperationException("A plan with problems is not applied.");
        var writes = Items.Select(i => i.Write).Where(w => w.Kind != ProjectChange.Outcome.Unchanged).ToList();
        foreach (var write in writes) write.Apply(lookups, now, today);
        var note = $"Import från {fileName}";
        await ProjectChange.SaveAsync(db, writes, _ => RevisionKind.SheetImported, lookups, staff, now, note.Length > 300 ? note[..300] : note, ct);
    }

    private static int Column(IReadOnlyList<string?> mapping, string key)
    {
        for (var i = 0; i < mapping.Count; i++) if (mapping[i] == key) return i;
        return -1;
    }

    /// <summary>The sheet's column for a form field's error key ("BudgetAmount", "Identifiers[0].Value"); -1 when no column fills it.</summary>
    private static int ColumnOf(string key, IReadOnlyList<string?> mapping)
    {
        var root = key.Split('[', '.')[0];
        foreach (var field in ImportFields.All)
            if (field.InputKeys.Contains(root) && Column(mapping, field.Key) is var c and >= 0) return c;
        // An address made from the title, a currency taken with the amount.
        return root switch
        {
            "Slug" => Column(mapping, ImportFields.Title),
            "BudgetCurrency" => Column(mapping, "budget"),
            _ => -1,
        };
    }
}
