using System.Globalization;
using System.Text.Json;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Editing;

/// <summary>
/// A text of the project form, as one property of <see cref="ProjectInput"/>: how to read and write it there, its
/// bound (<paramref name="Rule"/>, and <paramref name="LineRule"/> for each line of a list), the name a revision
/// stores it under (<paramref name="Name"/>, pinned: see <see cref="ProjectSnapshot"/>), and how a sheet's column
/// fills it (<see cref="Import"/>).
/// </summary>
public sealed record ProjectText(string Name, Func<ProjectInput, string?> Get, Action<ProjectInput, string?> Set, TextRule Rule, TextRule? LineRule = null)
{
    /// <summary>The column of an Excel or CSV import that fills it; null: none, or one written by hand in the import.</summary>
    public ImportColumn? Import { get; init; }
}

/// <summary>
/// A column of an import: its key, the label staff pick it by, the headers it is known by (the first is the one
/// /projekt.csv writes, so that an export maps itself), and how a cell's text becomes the form's text.
/// </summary>
public sealed record ImportColumn(string Key, string Label, string[] Headers, Func<string?, string?>? FromCell = null);

/// <summary>Where a text is kept on the project itself, for the texts the form copies as they are.</summary>
public sealed record StoredOn(Func<Project, string?> Read, Action<Project, string?> Write);

/// <summary>
/// How the project form shows a text it keeps as it is, drawn from this row (Pages/Admin/Projects/_FormTexts.cshtml):
/// the part of the form (its fieldset's id), the label when it is not the field's own, a hint, and the box's height.
/// A wide box spans the form; <paramref name="Anchor"/> is an id the page links to.
/// </summary>
public sealed record FormText(string Part, int Rows, string? Label = null, string? Hint = null, bool Wide = false, bool Tall = false, string? Anchor = null);

/// <summary>
/// One field of a project, as the form, the history, the merge of two saves, a revision, the import and the export know
/// it. <paramref name="Key"/> is the form's name for it and the key of a merge choice; <paramref name="Label"/> is how
/// the history, the merge question and the export name it.
/// </summary>
public sealed record ProjectField(string Key, string Label)
{
    /// <summary>The properties of <see cref="ProjectInput"/> it covers, in the form's order.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Its value as compared by the merge (the same value: no change).</summary>
    public required Func<ProjectInput, string?> Read { get; init; }

    /// <summary>Takes the field from another form.</summary>
    public required Action<ProjectInput, ProjectInput> Copy { get; init; }

    /// <summary>Its value as the history shows it; null: <see cref="Read"/>. A field without a place in the history says so.</summary>
    public Func<ProjectInput, ProjectLookups, string?>? Show { get; init; }

    /// <summary>False for what is not a fact of the project (the date a status is given), so never a change of its own.</summary>
    public bool InHistory { get; init; } = true;

    /// <summary>Its texts, when it is typed as text.</summary>
    public IReadOnlyList<ProjectText> Texts { get; init; } = [];

    /// <summary>For a text the form copies as it is: where the project keeps it.</summary>
    public StoredOn? Stored { get; init; }

    /// <summary>For such a text: its box in the project form, drawn from here; null: written into the form by hand.</summary>
    public FormText? Form { get; init; }

    /// <summary>
    /// For such a text: the heading it is shown under in the public page's "Om projektet"; null: the page places it by
    /// hand. A new text needs one or the other, or <c>ProjectFieldsEndToEndTests</c> fails naming it.
    /// </summary>
    public string? PageHeading { get; init; }

    /// <summary>Its name in a seed-data project file (for messages about that file).</summary>
    public string? SeedName { get; init; }

    /// <summary>The column of /projekt.csv and /projekt.xlsx that shows it, when it has one of its own.</summary>
    public string? ExportColumn { get; init; }
}

/// <summary>
/// Every field of a project, in the form's order: the one place a field is declared. The form's checks
/// (<see cref="ProjectInput"/>), the history and the "no changes" check, the merge of two saves, a revision's stored
/// texts, the import's columns, the order of the form's error summary and the seed importer's messages are built from
/// it; <c>ProjectFieldsTests</c> fails, naming it, on a property of the form without a row, and on a row the export,
/// the import, a revision or the history leaves out.
/// </summary>
public static class ProjectFields
{
    private static readonly JsonSerializerOptions Json = new();

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string List<T>(List<T> list) => JsonSerializer.Serialize(list, Json);

    private static string? Lines(List<string> lines) => lines.Count == 0 ? null : string.Join("\n", lines);

    private static string? Join(IEnumerable<string?> parts, string separator = "\n")
    {
        var list = parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return list.Count == 0 ? null : string.Join(separator, list);
    }

    private static string? Organisation(ProjectLookups lookups, int? id) =>
        id is { } i ? lookups.Organisations.GetValueOrDefault(i, $"organisation {i}") : null;

    private static string? Amount(string? amount, string? currency) => string.IsNullOrWhiteSpace(amount) ? null : $"{amount} {currency}".Trim();

    /// <summary>A list cell, "a; b" as the export joins it or one item per line, as lines.</summary>
    internal static string? CellLines(string? text)
    {
        var items = (text ?? "").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length == 0 ? null : string.Join("\n", items);
    }

    /// <summary>A field typed as one text.</summary>
    private static ProjectField TextField(string key, string label, Func<ProjectInput, string?> get, Action<ProjectInput, string?> set, TextRule rule,
        TextRule? lineRule = null, ImportColumn? import = null) => new(key, label)
    {
        Inputs = [key],
        Read = i => Text(get(i)),
        Copy = (to, from) => set(to, get(from)),
        Texts = [new ProjectText(key, get, set, rule, lineRule) { Import = import }],
    };

    /// <summary>A list of rows (partners, contacts ...): merged as one field, since rows cannot be told apart.</summary>
    private static ProjectField RowsField<T>(string key, string label, Func<ProjectInput, List<T>> get, Action<ProjectInput, List<T>> set,
        Func<ProjectInput, ProjectLookups, string?> show) => new(key, label)
    {
        Inputs = [key],
        Read = i => List(get(i)),
        Copy = (to, from) => set(to, get(from)),
        Show = show,
    };

    public static readonly ProjectField Title = TextField("Title", "Titel", i => i.Title, (i, v) => i.Title = v ?? "", ProjectInput.Texts.Title,
        import: new("titel", "Titel", ["Titel", "Projektnamn", "Projekttitel", "Projekt", "Namn"])) with
    {
        Stored = new(p => p.Title, (p, v) => p.Title = v ?? ""), SeedName = "titel", ExportColumn = "Titel",
    };

    public static readonly ProjectField ShortName = TextField("ShortName", "Kortnamn", i => i.ShortName, (i, v) => i.ShortName = v, ProjectInput.Texts.ShortName,
        import: new("kortnamn", "Kortnamn", ["Kortnamn", "Förkortning"])) with
    {
        Stored = new(p => p.ShortName, (p, v) => p.ShortName = v), SeedName = "kortnamn", ExportColumn = "Kortnamn",
    };

    public static readonly ProjectField Slug = TextField("Slug", "Adress", i => i.Slug, (i, v) => i.Slug = v, ProjectInput.Texts.Slug,
        import: new("adress", "Adress (/projekt/…)", ["Adress", "Slug", "Projektadress"])) with { SeedName = "filnamn", ExportColumn = "Adress" };

    public static readonly ProjectField Publisher = new("PublisherId", "Publiceras av")
    {
        Inputs = ["PublisherId"],
        Read = i => i.PublisherId.ToString(CultureInfo.InvariantCulture),
        Copy = (to, from) => to.PublisherId = from.PublisherId,
        Show = (i, lookups) => Organisation(lookups, i.PublisherId),
        SeedName = "mappnamn",
        ExportColumn = "Publiceras av",
    };

    public static readonly ProjectField Status = TextField("Status", "Status", i => i.Status, (i, v) => i.Status = v ?? "", ProjectInput.Texts.Code) with
    {
        Show = (i, _) => ProjectStatuses.TryParseSlug(i.Status, out var s) ? s.Label() : i.Status,
        SeedName = "status",
        ExportColumn = "Status",
    };

    /// <summary>The day a new status applies from: a part of the change of status, never a change of its own.</summary>
    public static readonly ProjectField StatusDate = TextField("StatusDate", "Statusdatum", i => i.StatusDate, (i, v) => i.StatusDate = v, ProjectInput.Texts.Date) with
    {
        InHistory = false, SeedName = "statushistorik",
    };

    public static readonly ProjectField Owner = new("OwnerId", "Projektägare")
    {
        Inputs = ["OwnerId"],
        Read = i => i.OwnerId?.ToString(CultureInfo.InvariantCulture),
        Copy = (to, from) => to.OwnerId = from.OwnerId,
        Show = (i, lookups) => Organisation(lookups, i.OwnerId),
        SeedName = "projektagare",
        ExportColumn = "Projektägare",
    };

    public static readonly ProjectField Purpose = TextField("Purpose", "Syfte", i => i.Purpose, (i, v) => i.Purpose = v, ProjectInput.Texts.Purpose,
        import: new("syfte", "Syfte", ["Syfte"])) with
    {
        Stored = new(p => p.Purpose, (p, v) => p.Purpose = v), SeedName = "syfte", ExportColumn = "Syfte",
        Form = new("syfte", Rows: 3), PageHeading = "Syfte",
    };

    public static readonly ProjectField Goal = TextField("Goal", "Mål", i => i.Goal, (i, v) => i.Goal = v, ProjectInput.Texts.Goal,
        import: new("mal", "Mål", ["Mål", "Projektmål"])) with
    {
        Stored = new(p => p.Goal, (p, v) => p.Goal = v), SeedName = "mal", ExportColumn = "Mål",
        Form = new("syfte", Rows: 3), PageHeading = "Mål",
    };

    public static readonly ProjectField SubGoals = TextField("SubGoals", "Delmål", i => i.SubGoals, (i, v) => i.SubGoals = v, ProjectInput.Texts.SubGoals, ProjectInput.Texts.SubGoal,
        new("delmal", "Delmål (ett per rad eller åtskilda med semikolon)", ["Delmål"], CellLines)) with
    {
        Stored = new(p => Lines(p.SubGoals), (p, v) => p.SubGoals = ProjectInput.Split(v, '\n')), SeedName = "delmal", ExportColumn = "Delmål",
        Form = new("syfte", Rows: 4, Hint: "Ett delmål per rad."),
    };

    public static readonly ProjectField TargetGroups = TextField("TargetGroups", "Målgrupper", i => i.TargetGroups, (i, v) => i.TargetGroups = v, ProjectInput.Texts.TargetGroups, ProjectInput.Texts.TargetGroup,
        new("malgrupper", "Målgrupper (åtskilda med semikolon)", ["Målgrupper", "Målgrupp"], CellLines)) with
    {
        Stored = new(p => Lines(p.TargetGroups), (p, v) => p.TargetGroups = ProjectInput.Split(v, '\n')), SeedName = "malgrupper", ExportColumn = "Målgrupper",
        Form = new("syfte", Rows: 3, Hint: "En målgrupp per rad."),
    };

    public static readonly ProjectField SteeringGroup = TextField("SteeringGroup", "Styrgrupp", i => i.SteeringGroup, (i, v) => i.SteeringGroup = v, ProjectInput.Texts.SteeringGroup,
        import: new("styrgrupp", "Styrgrupp", ["Styrgrupp"])) with
    {
        Stored = new(p => p.SteeringGroup, (p, v) => p.SteeringGroup = v), SeedName = "styrgrupp", ExportColumn = "Styrgrupp",
        Form = new("syfte", Rows: 2),
    };

    public static readonly ProjectField Description = TextField("Description", "Beskrivning", i => i.Description, (i, v) => i.Description = v, ProjectInput.Texts.Description,
        import: new("beskrivning", "Beskrivning", ["Beskrivning", "Projektbeskrivning", "Kort beskrivning"])) with
    {
        Stored = new(p => p.Description, (p, v) => p.Description = v), SeedName = "beskrivning", ExportColumn = "Beskrivning",
        Form = new("syfte", Rows: 14, Hint: "Markdown: ## Rubrik, - punktlista, **fetstil**, [länktext](https://adress). HTML visas inte.", Wide: true, Tall: true, Anchor: "beskrivning"),
    };

    public static readonly ProjectField Start = TextField("Start", "Start", i => i.Start, (i, v) => i.Start = v, ProjectInput.Texts.Date,
        import: new("start", "Start", ["Start", "Startdatum", "Projektstart", "Från"])) with { SeedName = "period.start", ExportColumn = "Start" };

    public static readonly ProjectField End = TextField("End", "Slut", i => i.End, (i, v) => i.End = v, ProjectInput.Texts.Date,
        import: new("slut", "Slut", ["Slut", "Slutdatum", "Projektslut", "Till"])) with { SeedName = "period.slut", ExportColumn = "Slut" };

    public static readonly ProjectField Municipalities = TextField("Municipalities", "Kommuner", i => i.Municipalities, (i, v) => i.Municipalities = v, ProjectInput.Texts.Municipalities,
        import: new("kommuner", "Kommuner", ["Kommuner", "Kommun"])) with { SeedName = "kommuner", ExportColumn = "Kommuner" };

    /// <summary>Imported by hand (ImportFields): a place already known keeps its coordinates.</summary>
    public static readonly ProjectField Places = TextField("Places", "Orter", i => i.Places, (i, v) => i.Places = v, ProjectInput.Texts.Places, ProjectInput.Texts.Place) with
    {
        SeedName = "platser", ExportColumn = "Orter",
    };

    public static readonly ProjectField GoalAreas = new("GoalAreaIds", "Målområden")
    {
        Inputs = ["GoalAreaIds"],
        Read = i => List(i.GoalAreaIds.Order().ToList()),
        Copy = (to, from) => to.GoalAreaIds = [.. from.GoalAreaIds],
        Show = (i, lookups) => Join(lookups.GoalAreasOf(i.PublisherId).Where(g => i.GoalAreaIds.Contains(g.Id)).Select(g => g.Name)),
        SeedName = "malomraden",
        ExportColumn = "Målområden",
    };

    public static readonly ProjectField DirectionGoals = new("DirectionGoalIds", "Inriktningsmål")
    {
        Inputs = ["DirectionGoalIds"],
        Read = i => List(i.DirectionGoalIds.Order().ToList()),
        Copy = (to, from) => to.DirectionGoalIds = [.. from.DirectionGoalIds],
        Show = (i, lookups) => Join(lookups.GoalAreasOf(i.PublisherId).SelectMany(g => g.DirectionGoals).Where(g => i.DirectionGoalIds.Contains(g.Id)).Select(g => g.Name)),
        SeedName = "inriktningsmal",
        ExportColumn = "Inriktningsmål",
    };

    /// <summary>An amount means nothing without its currency: the two are one field.</summary>
    public static readonly ProjectField Budget = new("Budget", "Total budget")
    {
        Inputs = ["BudgetAmount", "BudgetCurrency"],
        Read = i => Text(i.BudgetAmount) is { } a ? $"{a} {i.BudgetCurrency}" : null,
        Copy = (to, from) => (to.BudgetAmount, to.BudgetCurrency) = (from.BudgetAmount, from.BudgetCurrency),
        Show = (i, _) => Amount(i.BudgetAmount, i.BudgetCurrency),
        Texts =
        [
            new("BudgetAmount", i => i.BudgetAmount, (i, v) => i.BudgetAmount = v, ProjectInput.Texts.Amount)
            {
                Import = new("budget", "Total budget", ["Total budget", "Budget", "Totalbudget", "Total projektbudget"]),
            },
            new("BudgetCurrency", i => i.BudgetCurrency, (i, v) => i.BudgetCurrency = v, ProjectInput.Texts.Code)
            {
                Import = new("valuta", "Valuta för budgeten", ["Valuta"]),
            },
        ],
        SeedName = "budget",
        ExportColumn = "Total budget",
    };

    public static readonly ProjectField Partners = RowsField("Partners", "Partner", i => i.Partners, (i, v) => i.Partners = v,
        (i, lookups) => Join(i.Partners.Select(r => Join([Organisation(lookups, r.OrganisationId), Amount(r.Amount, r.Currency), r.Role], ", ")))) with
    {
        SeedName = "partner", ExportColumn = "Partner",
    };

    public static readonly ProjectField Financiers = RowsField("Financiers", "Finansiärer", i => i.Financiers, (i, v) => i.Financiers = v, (i, lookups) =>
    {
        string? Kind(string? code) => Contributions.TryParseCode(code, out var c) ? c.Label() : code;
        string? Time(ProjectInput.FinancierRow r) => string.IsNullOrWhiteSpace(r.Hours) ? null : $"{r.Hours} h × {Amount(r.Rate, r.Currency) ?? "publicerarens timpris"}";
        return Join(i.Financiers.Select(r => Join([Organisation(lookups, r.OrganisationId), Kind(r.Contribution), Amount(r.Amount, r.Currency), Time(r), r.AccountingReference, r.Note], ", ")));
    }) with { SeedName = "finansiarer", ExportColumn = "Finansiärer" };

    public static readonly ProjectField FinancingNote = TextField("FinancingNote", "Om finansieringen", i => i.FinancingNote, (i, v) => i.FinancingNote = v, ProjectInput.Texts.FinancingNote,
        import: new("om-finansieringen", "Om finansieringen", ["Om finansieringen"])) with
    {
        Stored = new(p => p.FinancingNote, (p, v) => p.FinancingNote = v), SeedName = "finansiering_anteckning", ExportColumn = "Om finansieringen",
        Form = new("ekonomi", Rows: 2, Label: "Övrigt om finansieringen"),
    };

    public static readonly ProjectField Results = RowsField("Results", "Resultat", i => i.Results, (i, v) => i.Results = v, (i, lookups) =>
    {
        var indicators = lookups.IndicatorsOf(i.PublisherId);
        return Join(i.Results.Select(r => Join([
            r.IndicatorId is { } id ? indicators.Find(x => x.Id == id)?.Name ?? $"indikator {id}" : null,
            r.Planned is null ? null : $"planerat {r.Planned}", r.Achieved is null ? null : $"uppnått {r.Achieved}"], ", ")));
    }) with { SeedName = "resultat", ExportColumn = "Resultat" };

    public static readonly ProjectField ResultsText = TextField("ResultsText", "Om resultaten", i => i.ResultsText, (i, v) => i.ResultsText = v, ProjectInput.Texts.ResultsText,
        import: new("om-resultaten", "Om resultaten", ["Om resultaten"])) with
    {
        Stored = new(p => p.Results, (p, v) => p.Results = v), SeedName = "resultat_text", ExportColumn = "Om resultaten",
        Form = new("resultat", Rows: 4, Hint: "Några meningar om vad projektet har åstadkommit. Markdown som i beskrivningen; HTML visas inte.", Wide: true),
    };

    public static readonly ProjectField Contacts = RowsField("Contacts", "Kontakter", i => i.Contacts, (i, v) => i.Contacts = v,
        (i, _) => Join(i.Contacts.Select(c => Join([c.Name, c.Role, c.Organisation, c.Phone, c.Email, c.IsRoleMailbox ? "funktionsbrevlåda" : null], ", ")))) with
    {
        SeedName = "kontakter", ExportColumn = "Kontakter",
    };

    public static readonly ProjectField Links = RowsField("Links", "Länkar", i => i.Links, (i, v) => i.Links = v,
        (i, _) => Join(i.Links.Select(l => Join([l.Text, l.Url], " – ")))) with { SeedName = "lankar", ExportColumn = "Länkar" };

    public static readonly ProjectField Identifiers = RowsField("Identifiers", "Identifierare", i => i.Identifiers, (i, v) => i.Identifiers = v,
        (i, _) => Join(i.Identifiers.Select(x => $"{x.Registry}: {x.Value}"))) with { SeedName = "identifierare", ExportColumn = "Identifierare" };

    /// <summary>Every field, in the order the form shows them.</summary>
    public static readonly IReadOnlyList<ProjectField> All =
    [
        Title, ShortName, Slug, Publisher, Status, StatusDate, Owner,
        Purpose, Goal, SubGoals, TargetGroups, SteeringGroup, Description,
        Start, End, Municipalities, Places, GoalAreas, DirectionGoals,
        Budget, Partners, Financiers, FinancingNote, Results, ResultsText,
        Contacts, Links, Identifiers,
    ];

    /// <summary>Every text of the form outside its rows, in the form's order.</summary>
    public static readonly IReadOnlyList<ProjectText> AllTexts = All.SelectMany(f => f.Texts).ToList();

    /// <summary>The texts the project form draws from their rows in one part of it (a fieldset's id), in the form's order.</summary>
    public static IEnumerable<ProjectField> FormTextsIn(string part) => All.Where(f => f.Form?.Part == part);

    /// <summary>The texts the public page shows under their own heading in "Om projektet", in the form's order.</summary>
    public static readonly IReadOnlyList<ProjectField> PageTexts = All.Where(f => f.Stored is not null && f.PageHeading is not null).ToList();

    private static readonly List<string> FormOrder = All.SelectMany(f => f.Inputs).ToList();

    /// <summary>Where the page shows this property of the form (the error summary's order); unknown ones last.</summary>
    public static int FormPosition(string input) => FormOrder.IndexOf(input) is var p and >= 0 ? p : FormOrder.Count;

    /// <summary>The field with this key (a merge choice's key), or null.</summary>
    public static ProjectField? Find(string key) => All.FirstOrDefault(f => f.Key == key);

    /// <summary>The field that covers this property of the form, or null.</summary>
    public static ProjectField? Covering(string input) => All.FirstOrDefault(f => f.Inputs.Contains(input));
}
