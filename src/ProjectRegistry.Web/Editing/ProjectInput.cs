using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Editing;

/// <summary>
/// Every editable field of a project as staff type it. The same shape is bound from the edit form,
/// stored as each revision's snapshot, compared field by field for the history, and applied back on
/// restore, so that what is saved, shown and restored can never drift apart.
/// </summary>
public sealed partial class ProjectInput
{
    public int Version { get; set; }

    /// <summary>
    /// The number of the revision the form was opened at (0: a seeded project before its first save, whose state
    /// becomes revision 1 "Imported" then): the version both sides of a concurrent save started from, for
    /// <see cref="ProjectMerge"/>. A hidden field of the form, so the draft keeps it too; not stored in a snapshot.
    /// </summary>
    public int BaseRevision { get; set; }
    public string Title { get; set; } = "";
    public string? Slug { get; set; }
    public string? ShortName { get; set; }
    public int PublisherId { get; set; }
    public string Status { get; set; } = ProjectStatus.UnderReview.Slug();

    /// <summary>The day a changed status took effect (defaults to today).</summary>
    public string? StatusDate { get; set; }
    public int? OwnerId { get; set; }
    public string? SteeringGroup { get; set; }
    public string? Purpose { get; set; }
    public string? Goal { get; set; }
    public string? SubGoals { get; set; }
    public string? TargetGroups { get; set; }
    public string? Description { get; set; }
    public string? Start { get; set; }
    public string? End { get; set; }
    public string? BudgetAmount { get; set; }
    public string? BudgetCurrency { get; set; }
    public string? FinancingNote { get; set; }
    public string? Municipalities { get; set; }
    public string? Places { get; set; }
    public List<int> GoalAreaIds { get; set; } = [];
    public List<int> DirectionGoalIds { get; set; } = [];
    public List<PartnerRow> Partners { get; set; } = [];
    public List<FinancierRow> Financiers { get; set; } = [];
    public List<ContactRow> Contacts { get; set; } = [];
    public List<LinkRow> Links { get; set; } = [];
    public List<IdentifierRow> Identifiers { get; set; } = [];

    /// <summary>Planned and achieved values for indicators of the publisher's catalogue.</summary>
    public List<ResultRow> Results { get; set; } = [];

    /// <summary>What the project achieved, in Markdown.</summary>
    public string? ResultsText { get; set; }

    public sealed class PartnerRow
    {
        public int? OrganisationId { get; set; }
        public string? Role { get; set; }
        public string? Amount { get; set; }
        public string? Currency { get; set; }
        internal bool IsBlank => OrganisationId is null && Blank(Role, Amount);
    }

    public sealed class FinancierRow
    {
        public int? OrganisationId { get; set; }

        /// <summary>A <see cref="Contributions"/> code; blank takes the kind the organisation's kind implies.</summary>
        public string? Contribution { get; set; }
        public string? Amount { get; set; }
        public string? Currency { get; set; }

        /// <summary>Volunteer time: the hours, and the hourly rate if not the publisher's.</summary>
        public string? Hours { get; set; }
        public string? Rate { get; set; }
        public string? AccountingReference { get; set; }
        public string? Note { get; set; }
        internal bool IsBlank => OrganisationId is null && Blank(Amount, Hours, Rate, AccountingReference, Note);
    }

    public sealed class ContactRow
    {
        public string? Name { get; set; }
        public string? Role { get; set; }
        public string? Organisation { get; set; }
        public string? Phone { get; set; }
        public string? Email { get; set; }
        public bool IsRoleMailbox { get; set; }
        internal bool IsBlank => Blank(Name, Role, Organisation, Phone, Email);
    }

    public sealed class LinkRow
    {
        public string Kind { get; set; } = "las-mer";
        public string? Text { get; set; }
        public string? Url { get; set; }
        internal bool IsBlank => Blank(Text, Url);
    }

    public sealed class IdentifierRow
    {
        public string Registry { get; set; } = "jordbruksverket";
        public string? Value { get; set; }
        internal bool IsBlank => Blank(Value);
    }

    public sealed class ResultRow
    {
        public int? IndicatorId { get; set; }
        public string? Planned { get; set; }
        public string? Achieved { get; set; }
        internal bool IsBlank => IndicatorId is null && Blank(Planned, Achieved);
    }

    private static bool Blank(params string?[] values) => values.All(string.IsNullOrWhiteSpace);

    /// <summary>
    /// The bound and kind of every text of a project: the form checks them here and the importer applies the same
    /// ones to a project's file, so a text that cannot be typed cannot be imported either.
    /// </summary>
    public static class Texts
    {
        public static readonly TextRule Title = new("Titeln", 300);
        public static readonly TextRule ShortName = new("Kortnamnet", 100);
        public static readonly TextRule SteeringGroup = new("Styrgruppen", 2_000, MultiLine: true);
        public static readonly TextRule Purpose = new("Syftet", 5_000, MultiLine: true);
        public static readonly TextRule Goal = new("Målet", 5_000, MultiLine: true);
        public static readonly TextRule SubGoals = new("Delmålen", 10_000, MultiLine: true);
        public static readonly TextRule SubGoal = new("Ett delmål", 1_000);
        public static readonly TextRule TargetGroups = new("Målgrupperna", 5_000, MultiLine: true);
        public static readonly TextRule TargetGroup = new("En målgrupp", 500);
        public static readonly TextRule Description = new("Beskrivningen", 30_000, MultiLine: true, Markdown: true);
        public static readonly TextRule FinancingNote = new("Texten om finansieringen", 5_000, MultiLine: true);
        public static readonly TextRule Municipalities = new("Kommunlistan", 5_000, MultiLine: true);
        public static readonly TextRule Places = new("Ortlistan", 10_000, MultiLine: true);
        public static readonly TextRule Place = new("En ort", 300);
        public static readonly TextRule Date = new("Datumet", 20);
        public static readonly TextRule Amount = new("Beloppet", 30);
        public static readonly TextRule Code = new("Värdet", 50);
        public static readonly TextRule Slug = new("Adressen", 200);
        public static readonly TextRule PartnerRole = new("Rollen", 300);
        public static readonly TextRule AccountingReference = new("Konteringen", 200);
        public static readonly TextRule FinancierNote = new("Anteckningen", 2_000, MultiLine: true);
        public static readonly TextRule ContactName = new("Namnet", 200);
        public static readonly TextRule ContactRole = new("Rollen", 200);
        public static readonly TextRule ContactOrganisation = new("Organisationen", 300);
        public static readonly TextRule Phone = new("Telefonnumret", 50);
        public static readonly TextRule Email = new("E-postadressen", 254);
        public static readonly TextRule LinkText = new("Länktexten", 300);
        public static readonly TextRule Url = new("Webbadressen", 2_000);
        public static readonly TextRule Identifier = new("Identifieraren", 200);
        public static readonly TextRule StatusNote = new("Anteckningen", 1_000, MultiLine: true);
        public static readonly TextRule ResultsText = new("Texten om resultaten", 10_000, MultiLine: true, Markdown: true);
        public static readonly TextRule IndicatorValue = new("Värdet", 30);
    }

    /// <summary>Every text as the rules store it (control characters removed, line breaks normalised, trimmed).</summary>
    private void CleanTexts()
    {
        foreach (var text in ProjectFields.AllTexts) text.Set(this, text.Rule.Clean(text.Get(this)));
        foreach (var r in Partners) (r.Role, r.Amount, r.Currency) = (Texts.PartnerRole.Clean(r.Role), Texts.Amount.Clean(r.Amount), Texts.Code.Clean(r.Currency));
        foreach (var r in Financiers)
            (r.Contribution, r.Amount, r.Currency, r.Hours, r.Rate, r.AccountingReference, r.Note) =
                (Texts.Code.Clean(r.Contribution), Texts.Amount.Clean(r.Amount), Texts.Code.Clean(r.Currency), Texts.Amount.Clean(r.Hours),
                 Texts.Amount.Clean(r.Rate), Texts.AccountingReference.Clean(r.AccountingReference), Texts.FinancierNote.Clean(r.Note));
        foreach (var c in Contacts)
            (c.Name, c.Role, c.Organisation, c.Phone, c.Email) =
                (Texts.ContactName.Clean(c.Name), Texts.ContactRole.Clean(c.Role), Texts.ContactOrganisation.Clean(c.Organisation), Texts.Phone.Clean(c.Phone), Texts.Email.Clean(c.Email));
        foreach (var l in Links) (l.Kind, l.Text, l.Url) = (Texts.Code.Clean(l.Kind) ?? "", Texts.LinkText.Clean(l.Text), Texts.Url.Clean(l.Url));
        foreach (var i in Identifiers) (i.Registry, i.Value) = (Texts.Code.Clean(i.Registry) ?? "", Texts.Identifier.Clean(i.Value));
        foreach (var r in Results) (r.Planned, r.Achieved) = (Texts.IndicatorValue.Clean(r.Planned), Texts.IndicatorValue.Clean(r.Achieved));
    }

    /// <summary>Every text with its field key and rule, for the length and Markdown checks.</summary>
    private IEnumerable<(string Field, TextRule Rule, string? Value)> TextFields()
    {
        foreach (var text in ProjectFields.AllTexts)
        {
            yield return (text.Name, text.Rule, text.Get(this));
            if (text.LineRule is { } lineRule)
                foreach (var line in Split(text.Get(this), '\n')) yield return (text.Name, lineRule, line);
        }
        for (var i = 0; i < Partners.Count; i++)
        {
            yield return ($"Partners[{i}].Role", Texts.PartnerRole, Partners[i].Role);
            yield return ($"Partners[{i}].Amount", Texts.Amount, Partners[i].Amount);
            yield return ($"Partners[{i}].Currency", Texts.Code, Partners[i].Currency);
        }
        for (var i = 0; i < Financiers.Count; i++)
        {
            yield return ($"Financiers[{i}].Contribution", Texts.Code, Financiers[i].Contribution);
            yield return ($"Financiers[{i}].Amount", Texts.Amount, Financiers[i].Amount);
            yield return ($"Financiers[{i}].Currency", Texts.Code, Financiers[i].Currency);
            yield return ($"Financiers[{i}].Hours", Texts.Amount, Financiers[i].Hours);
            yield return ($"Financiers[{i}].Rate", Texts.Amount, Financiers[i].Rate);
            yield return ($"Financiers[{i}].AccountingReference", Texts.AccountingReference, Financiers[i].AccountingReference);
            yield return ($"Financiers[{i}].Note", Texts.FinancierNote, Financiers[i].Note);
        }
        for (var i = 0; i < Contacts.Count; i++)
        {
            yield return ($"Contacts[{i}].Name", Texts.ContactName, Contacts[i].Name);
            yield return ($"Contacts[{i}].Role", Texts.ContactRole, Contacts[i].Role);
            yield return ($"Contacts[{i}].Organisation", Texts.ContactOrganisation, Contacts[i].Organisation);
            yield return ($"Contacts[{i}].Phone", Texts.Phone, Contacts[i].Phone);
            yield return ($"Contacts[{i}].Email", Texts.Email, Contacts[i].Email);
        }
        for (var i = 0; i < Links.Count; i++)
        {
            yield return ($"Links[{i}].Kind", Texts.Code, Links[i].Kind);
            yield return ($"Links[{i}].Text", Texts.LinkText, Links[i].Text);
            yield return ($"Links[{i}].Url", Texts.Url, Links[i].Url);
        }
        for (var i = 0; i < Identifiers.Count; i++)
        {
            yield return ($"Identifiers[{i}].Registry", Texts.Code, Identifiers[i].Registry);
            yield return ($"Identifiers[{i}].Value", Texts.Identifier, Identifiers[i].Value);
        }
        for (var i = 0; i < Results.Count; i++)
        {
            yield return ($"Results[{i}].Planned", Texts.IndicatorValue, Results[i].Planned);
            yield return ($"Results[{i}].Achieved", Texts.IndicatorValue, Results[i].Achieved);
        }
    }

    public static ProjectInput FromProject(Project p)
    {
        var input = new ProjectInput
        {
            Version = p.Version,
            Slug = p.Slug,
            PublisherId = p.PublisherId,
            Status = p.Status.Slug(),
            OwnerId = p.OwnerId,
            Start = p.Start?.ToIsoString(),
            End = p.End?.ToIsoString(),
            BudgetAmount = AmountText(p.Budget),
            BudgetCurrency = p.Budget?.Currency,
            Municipalities = string.Join(", ", p.Municipalities.OrderBy(m => m.Name, StringComparer.CurrentCulture).Select(m => m.Name)),
            Places = Lines(p.Places.Select(x => x.ToString()).ToList()),
            GoalAreaIds = p.GoalAreas.Select(g => g.Id).Order().ToList(),
            DirectionGoalIds = p.DirectionGoals.Select(g => g.Id).Order().ToList(),
            Partners = p.Partners.OrderBy(x => x.Position).Select(x => new PartnerRow
            {
                OrganisationId = x.OrganisationId, Role = x.Role, Amount = AmountText(x.BudgetShare), Currency = x.BudgetShare?.Currency,
            }).ToList(),
            Financiers = p.Financiers.OrderBy(x => x.Position).Select(x => new FinancierRow
            {
                // Volunteer time's value is worked out from its hours and rate, so it is not offered for typing over.
                OrganisationId = x.OrganisationId, Contribution = x.Contribution.Code(),
                Amount = x.Contribution == Contribution.VolunteerTime ? null : AmountText(x.Amount),
                Currency = x.Amount?.Currency ?? x.HourlyRate?.Currency, Hours = x.Hours is { } h ? FieldRules.HoursText(h) : null,
                Rate = AmountText(x.HourlyRate), AccountingReference = x.AccountingReference, Note = x.Note,
            }).ToList(),
            Contacts = p.Contacts.OrderBy(x => x.Position).Select(x => new ContactRow
            {
                Name = x.Name, Role = x.Role, Organisation = x.Organisation, Phone = x.Phone, Email = x.Email, IsRoleMailbox = x.IsRoleMailbox,
            }).ToList(),
            Links = p.Links.OrderBy(x => x.Position).Select(x => new LinkRow
            {
                Kind = LinkKinds.All.First(k => k.Kind == x.Kind).Code, Text = x.Text, Url = x.Url,
            }).ToList(),
            Identifiers = p.Identifiers.Select(x => new IdentifierRow
            {
                Registry = ExternalRegistries.All.First(r => r.Registry == x.Registry).Code, Value = x.Value,
            }).ToList(),
            Results = p.IndicatorValues.OrderBy(x => x.Position).Select(x => new ResultRow
            {
                IndicatorId = x.IndicatorId, Planned = ValueText(x.Planned), Achieved = ValueText(x.Achieved),
            }).ToList(),
        };
        foreach (var field in ProjectFields.All)
            if (field.Stored is { } stored) field.Texts[0].Set(input, stored.Read(p));
        return input;
    }

    /// <summary>Drops the rows left empty (the blank row offered for adding one).</summary>
    public void RemoveBlankRows()
    {
        Partners.RemoveAll(r => r.IsBlank);
        Financiers.RemoveAll(r => r.IsBlank);
        Contacts.RemoveAll(r => r.IsBlank);
        Links.RemoveAll(r => r.IsBlank);
        Identifiers.RemoveAll(r => r.IsBlank);
        Results.RemoveAll(r => r.IsBlank);
    }

    /// <summary>Writes the validated form onto a tracked project (collections loaded), recording a status change.</summary>
    public void ApplyTo(Project p, Parsed parsed, ProjectLookups lookups, DateTime now, DateOnly today)
    {
        foreach (var field in ProjectFields.All)
            if (field.Stored is { } stored) stored.Write(p, Clean(field.Texts[0].Get(this)));
        p.Slug = parsed.Slug;
        p.PublisherId = PublisherId;
        if (p.Id == 0 || p.Status != parsed.Status || p.StatusHistory.Count == 0)
            p.StatusHistory.Add(new ProjectStatusChange { Status = parsed.Status, EffectiveOn = parsed.StatusDate ?? today });
        p.Status = parsed.Status;
        p.OwnerId = OwnerId;
        p.Owner = null;
        p.Start = parsed.Start;
        p.End = parsed.End;
        p.Budget = parsed.Budget;

        p.Partners.Clear();
        p.Partners.AddRange(parsed.Partners.Select((x, i) => new ProjectPartner { OrganisationId = x.OrganisationId, Role = x.Role, BudgetShare = x.Share, Position = i }));
        p.Financiers.Clear();
        p.Financiers.AddRange(parsed.Financiers.Select((x, i) => new ProjectFinancier
        {
            OrganisationId = x.OrganisationId, Contribution = x.Contribution, Amount = x.Amount, Hours = x.Hours, HourlyRate = x.HourlyRate,
            AccountingReference = x.Reference, Note = x.Note, Position = i,
        }));
        p.Contacts.Clear();
        p.Contacts.AddRange(Contacts.Select((c, i) => new ProjectContact
        {
            Name = Clean(c.Name), Role = Clean(c.Role), Organisation = Clean(c.Organisation), Phone = Clean(c.Phone),
            Email = Clean(c.Email), IsRoleMailbox = c.IsRoleMailbox, Position = i,
        }));
        p.Links.Clear();
        p.Links.AddRange(Links.Select((l, i) => new ProjectLink
        {
            Kind = LinkKinds.All.First(k => k.Code == l.Kind).Kind, Text = l.Text!.Trim(), Url = Clean(l.Url), Position = i,
        }));
        p.Identifiers.Clear();
        p.Identifiers.AddRange(Identifiers.Select(x => new ProjectIdentifier
        {
            Registry = ExternalRegistries.All.First(r => r.Code == x.Registry).Registry, Value = x.Value!.Trim(),
        }));
        // Kept rows are updated in place: a row removed and added again for the same indicator would meet the
        // unique (project, indicator) index if the INSERT ran before the DELETE.
        p.IndicatorValues.RemoveAll(x => parsed.Results.All(r => r.IndicatorId != x.IndicatorId));
        foreach (var (r, i) in parsed.Results.Select((r, i) => (r, i)))
        {
            var value = p.IndicatorValues.Find(x => x.IndicatorId == r.IndicatorId);
            if (value is null) p.IndicatorValues.Add(value = new ProjectIndicatorValue { IndicatorId = r.IndicatorId });
            (value.Planned, value.Achieved, value.Position) = (r.Planned, r.Achieved, i);
        }
        p.Places.RemoveAll(x => parsed.Places.All(n => n.Name != x.Name));
        foreach (var place in parsed.Places)
        {
            if (p.Places.Find(x => x.Name == place.Name) is { } kept) (kept.Latitude, kept.Longitude) = (place.Latitude, place.Longitude);
            else p.Places.Add(place);
        }

        p.Municipalities.RemoveAll(m => !parsed.Municipalities.Contains(m));
        p.Municipalities.AddRange(parsed.Municipalities.Where(m => !p.Municipalities.Contains(m)));
        var areas = lookups.GoalAreasOf(PublisherId);
        p.GoalAreas.RemoveAll(g => !GoalAreaIds.Contains(g.Id));
        p.GoalAreas.AddRange(areas.Where(g => GoalAreaIds.Contains(g.Id) && !p.GoalAreas.Any(x => x.Id == g.Id)));
        var goals = areas.SelectMany(g => g.DirectionGoals).ToList();
        p.DirectionGoals.RemoveAll(g => !DirectionGoalIds.Contains(g.Id));
        p.DirectionGoals.AddRange(goals.Where(g => DirectionGoalIds.Contains(g.Id) && !p.DirectionGoals.Any(x => x.Id == g.Id)));
        p.UpdatedAt = now;
    }

    /// <summary>Each field as a reader would name and read it, for the field-by-field history.</summary>
    public IEnumerable<(string Field, string? Value)> Describe(ProjectLookups lookups) =>
        ProjectFields.All.Where(f => f.InHistory).Select(f => (f.Label, f.Show is { } show ? show(this, lookups) : f.Read(this)));

    public static List<FieldChange> Compare(ProjectInput? before, ProjectInput after, ProjectLookups lookups)
    {
        var old = before?.Describe(lookups).ToDictionary(x => x.Field, x => Normalise(x.Value)) ?? [];
        return after.Describe(lookups)
            .Select(x => new FieldChange(x.Field, old.GetValueOrDefault(x.Field), Normalise(x.Value)))
            .Where(c => c.Before != c.After)
            .ToList();
    }

    private static string? Normalise(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string? Clean(string? s) => FieldRules.Clean(s);

    private static string? ValueText(long? hundredths) => hundredths is { } v ? IndicatorValues.Text(v) : null;

    private static string? Lines(List<string> lines) => lines.Count == 0 ? null : string.Join("\n", lines);

    private static string? AmountText(Money? m) => m?.Amount.ToString(m.MinorUnits % 100 == 0 ? "#,##0" : "#,##0.00", CultureInfo.GetCultureInfo("sv-SE"));

    internal static List<string> Split(string? text, char separator = ',') =>
        (text ?? "").Split(separator == ',' ? [',', ';', '\n'] : ['\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(x => x.Length > 0).Distinct().ToList();
}
