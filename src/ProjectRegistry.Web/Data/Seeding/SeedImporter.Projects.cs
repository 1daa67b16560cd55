using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Uploads;

using Microsoft.AspNetCore.Mvc.ModelBinding;
using Texts = ProjectRegistry.Web.Editing.ProjectInput.Texts;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ProjectRegistry.Web.Data.Seeding;

/// <summary>
/// The projects of a seed-data folder (projekt/&lt;publisher&gt;/&lt;slug&gt;.yaml): read, turned into the admin form's
/// input, checked by its rules and written through the same change pipeline as a save (<see cref="ProjectChange"/>),
/// with the files each names.
/// </summary>
public sealed partial class SeedImporter
{
    /// <summary>A project's file, read but not yet checked: its checks need the organisations' ids.</summary>
    private sealed record ProjectFile(string File, string Slug, Organisation Publisher, ProjectRow Row);

    private static List<ProjectFile> ReadProjectFiles(string root, Dictionary<string, Organisation> organisations)
    {
        var projects = new List<ProjectFile>();
        var dir = Path.Combine(root, "projekt");
        if (!Directory.Exists(dir)) return projects;
        foreach (var publisherDir in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
        {
            var publisherFile = Path.GetRelativePath(root, publisherDir);
            var publisher = Org(publisherFile, "mappnamn", Path.GetFileName(publisherDir), organisations);
            if (!publisher.IsPublisher)
                throw new SeedDataException(publisherFile, "mappnamn", $"'{publisher.Slug}' har ingen fil i publicerare/.");
            foreach (var path in Directory.GetFiles(publisherDir, "*.yaml").Order(StringComparer.Ordinal))
            {
                var file = Path.GetRelativePath(root, path);
                var slug = Path.GetFileNameWithoutExtension(path);
                CheckSlug(file, "filnamn", slug);
                if (projects.Any(p => p.Slug == slug))
                    throw new SeedDataException(file, "filnamn", $"det finns redan ett projekt med adressen '{slug}'.");
                var row = Load<ProjectRow>(root, file) ?? throw new SeedDataException(file, null, "filen är tom.");
                projects.Add(new ProjectFile(file, slug, publisher, row));
            }
        }
        return projects;
    }

    /// <summary>
    /// The project a file describes, checked and written by the project's own rules (<see cref="ProjectInput"/>), as
    /// a save from the admin form is: a new project, or <paramref name="current"/> brought in step with the file and
    /// whether that changed any of its fields. What only a file has (the dated status history, the day it was last
    /// updated) is added here. A broken rule is reported with the file's own name for the field.
    /// </summary>
    private (Project Project, bool Changed) FromFile(
        ProjectFile f, Dictionary<string, Organisation> organisations, Goals goals,
        ProjectLookups lookups, Project? current)
    {
        var (file, row) = (f.File, f.Row);
        var input = ToInput(f, organisations, goals);
        var errors = new ModelStateDictionary();
        var parsed = input.Validate(errors, lookups.For(current?.Id ?? 0), prefix: "");
        if (parsed is null)
        {
            var (key, entry) = errors.First(e => e.Value is { Errors.Count: > 0 });
            throw new SeedDataException(file, FileField(key, row, lookups), entry!.Errors[0].ErrorMessage);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var history = (row.Statushistorik ?? []).Select((h, i) => new ProjectStatusChange
        {
            Status = Status(file, $"statushistorik[{i}].status", Required(file, $"statushistorik[{i}].status", h.Status)),
            EffectiveOn = Date(file, $"statushistorik[{i}].datum", h.Datum),
            Note = Text(file, $"statushistorik[{i}].anteckning", h.Anteckning, Texts.StatusNote),
        }).ToList();
        if (history.Count == 0 || history[^1].Status != parsed.Status)
            throw new SeedDataException(file, "statushistorik", $"den sista posten måste vara projektets nuvarande status ({parsed.Status.Slug()}).");
        var updatedAt = Date(file, "senast_uppdaterad", row.SenastUppdaterad)?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) ?? now;

        // As a save of the form plans and writes it: a file that says what the registry already says is no change.
        var change = ProjectChange.Plan(input, parsed, current, lookups, now, today);
        if (change.Kind == ProjectChange.Outcome.Unchanged) return (current!, false);
        var project = change.Apply(lookups, now, today);
        if (current is null) project.IsPublished = true;
        project.StatusHistory.Clear();
        project.StatusHistory.AddRange(history);
        project.UpdatedAt = updatedAt;
        return (project, current is not null);
    }

    /// <summary>
    /// The documents and pictures a project's file names (filer:), read from inside the import folder and made by
    /// the same code as an upload in the admin: the type from the bytes, web sizes without EXIF, the same text rules.
    /// A file the project already has (the same bytes) gets its texts updated; nothing is removed. True when anything changed.
    /// </summary>
    private static bool AddFiles(string root, ProjectFile f, Project project, IReadOnlyDictionary<string, Domain.ProjectFile> present, DateTime now)
    {
        var rows = f.Row.Filer ?? [];
        if (rows.Count == 0) return false;
        var inside = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var changed = false;
        var main = new List<Domain.ProjectFile>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (r, at) = (rows[i], $"filer[{i}]");
            var relative = Required(f.File, $"{at}.fil", r.Fil);
            var path = Path.GetFullPath(Path.Combine(inside, relative));
            if (Path.IsPathRooted(relative) || !path.StartsWith(inside, StringComparison.Ordinal))
                throw new SeedDataException(f.File, $"{at}.fil", $"'{relative}' ligger utanför importmappen; ange en sökväg inuti den, till exempel filer/slutrapport.pdf.");
            var info = new FileInfo(path);
            if (!info.Exists) throw new SeedDataException(f.File, $"{at}.fil", $"filen '{relative}' finns inte i importmappen.");
            if (info.Length > FileStore.MaxFileBytes)
                throw new SeedDataException(f.File, $"{at}.fil", $"filen är {FileStore.MegaBytes(info.Length)}. Den får vara högst 20 MB.");
            var (file, problem) = FileStore.Create(System.IO.File.ReadAllBytes(path), info.Name, now);
            if (file is null) throw new SeedDataException(f.File, $"{at}.fil", problem!);
            var texts = new ProjectFileInput { Title = r.Titel, AltText = r.Alt, Credit = r.Fotograf, Licence = r.Licens };
            var errors = new ModelStateDictionary();
            if (!texts.Validate(errors, "fil", file.IsImage))
            {
                var (key, entry) = errors.First(e => e.Value is { Errors.Count: > 0 });
                var field = key["fil.".Length..] switch { "Title" => "titel", "AltText" => "alt", "Credit" => "fotograf", _ => "licens" };
                throw new SeedDataException(f.File, $"{at}.{field}", entry!.Errors[0].ErrorMessage);
            }
            if (r.Huvudbild && !file.IsImage)
                throw new SeedDataException(f.File, $"{at}.huvudbild", "bara en bild kan vara projektets huvudbild.");
            var hash = file.Contents.Single(c => c.Variant == ProjectFileContent.Original).Hash;
            if (present.GetValueOrDefault(hash) is { } same)
            {
                if (ProjectFileInput.Compare(same, texts).Any()) changed = true;
                texts.ApplyTo(same);
                file = same;
            }
            else
            {
                texts.ApplyTo(file);
                project.Files.Add(file);
                changed = true;
            }
            if (r.Huvudbild) main.Add(file);
        }
        if (main.Count > 1)
            throw new SeedDataException(f.File, "filer", "högst en bild kan vara huvudbild (huvudbild: true).");
        if (main.Count == 1)
        {
            foreach (var x in project.Files.Where(x => x.IsMain != (x == main[0])))
            {
                x.IsMain = x == main[0];
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>A project's file as the admin form's input: organisations and goals named in the file become ids.</summary>
    private static ProjectInput ToInput(ProjectFile f, Dictionary<string, Organisation> organisations, Goals goals)
    {
        var (file, row, publisher) = (f.File, f.Row, f.Publisher);
        int OrgId(string field, string? slug) => Org(file, field, Required(file, field, slug), organisations).Id;
        T Goal<T>(Dictionary<GoalKey, T> named, string field, string name, string kind) where T : class =>
            named.GetValueOrDefault(new(publisher.Slug, name))
            ?? throw new SeedDataException(file, field, $"'{name}' finns inte bland {publisher.Name}s {kind} i publicerare/{publisher.Slug}.yaml.");
        return new ProjectInput
        {
            Slug = f.Slug,
            PublisherId = publisher.Id,
            Title = row.Titel ?? "",
            ShortName = row.Kortnamn,
            Status = row.Status ?? "",
            OwnerId = row.Projektagare is null ? null : OrgId("projektagare", row.Projektagare),
            SteeringGroup = row.Styrgrupp,
            Purpose = row.Syfte,
            Goal = row.Mal,
            SubGoals = Lines(file, "delmal", row.Delmal),
            TargetGroups = Lines(file, "malgrupper", row.Malgrupper),
            Description = row.Beskrivning,
            Start = row.Period?.Start,
            End = row.Period?.Slut,
            BudgetAmount = AmountAndCurrency(row.Budget).Amount,
            BudgetCurrency = AmountAndCurrency(row.Budget).Currency,
            FinancingNote = row.FinansieringAnteckning,
            Municipalities = string.Join(", ", row.Kommuner ?? []),
            Places = Lines(file, "platser", row.Platser),
            GoalAreaIds = (row.Malomraden ?? []).Select((n, i) => Goal(goals.Areas, $"malomraden[{i}]", n, "målområden").Id).ToList(),
            DirectionGoalIds = (row.Inriktningsmal ?? []).Select((n, i) => Goal(goals.DirectionGoals, $"inriktningsmal[{i}]", n, "inriktningsmål").Id).ToList(),
            Partners = (row.Partner ?? []).Select((p, i) => new ProjectInput.PartnerRow
            {
                OrganisationId = OrgId($"partner[{i}].organisation", p.Organisation), Role = p.Roll,
                Amount = AmountAndCurrency(p.Budgetandel).Amount, Currency = AmountAndCurrency(p.Budgetandel).Currency,
            }).ToList(),
            Financiers = (row.Finansiarer ?? []).Select((x, i) => new ProjectInput.FinancierRow
            {
                OrganisationId = OrgId($"finansiarer[{i}].organisation", x.Organisation),
                Contribution = x.Typ,
                Amount = AmountAndCurrency(x.Belopp).Amount,
                Currency = AmountAndCurrency(x.Belopp).Currency ?? AmountAndCurrency(x.Timpris).Currency,
                Hours = x.Timmar,
                Rate = AmountAndCurrency(x.Timpris).Amount,
                AccountingReference = x.Kontering, Note = x.Anteckning,
            }).ToList(),
            Contacts = (row.Kontakter ?? []).Select(c => new ProjectInput.ContactRow
            {
                Name = c.Namn, Role = c.Roll, Organisation = c.Organisation, Phone = c.Telefon, Email = c.Epost,
            }).ToList(),
            Links = (row.Lankar ?? []).Select(l => new ProjectInput.LinkRow { Kind = l.Typ ?? "las-mer", Text = l.Text, Url = l.Url }).ToList(),
            Identifiers = (row.Identifierare ?? []).Select(x => new ProjectInput.IdentifierRow { Registry = x.Register ?? "", Value = x.Varde }).ToList(),
            Results = (row.Resultat ?? []).Select((r, i) => new ProjectInput.ResultRow
            {
                IndicatorId = Indicator($"resultat[{i}].indikator", Required(file, $"resultat[{i}].indikator", r.Indikator)),
                Planned = r.Planerat, Achieved = r.Uppnatt,
            }).ToList(),
            ResultsText = row.ResultatText,
        };

        // By name, or by EU code where the publisher has one indicator with it.
        int Indicator(string field, string name) =>
            (publisher.Indicators.FirstOrDefault(x => x.Name == name)
             ?? (publisher.Indicators.Count(x => x.EuCode == name) == 1 ? publisher.Indicators.First(x => x.EuCode == name) : null))?.Id
            ?? throw new SeedDataException(file, field, $"'{name}' finns inte bland {publisher.Name}s indikatorer i publicerare/{publisher.Slug}.yaml.");
    }

    /// <summary>
    /// "135 000 SEK" as the form's two fields. A last word of letters is the currency; without one the whole text is
    /// the amount, and the form's rule asks for the currency.
    /// </summary>
    private static (string? Amount, string? Currency) AmountAndCurrency(string? text)
    {
        if (Clean(text) is not { } s) return (null, null);
        var space = s.LastIndexOfAny([' ', '\u00a0', '\u202f']);
        return space > 0 && s[(space + 1)..].All(char.IsLetter) ? (s[..space], s[(space + 1)..]) : (s, null);
    }

    /// <summary>A list the form takes as lines of one text. A line break inside an item would make two.</summary>
    private static string? Lines(string file, string field, List<string>? items)
    {
        foreach (var (item, i) in (items ?? []).Select((x, i) => (x, i)))
        {
            if (Clean(item) is null) throw new SeedDataException(file, $"{field}[{i}]", "värdet saknas.");
            if (item.Trim().Contains('\n')) throw new SeedDataException(file, $"{field}[{i}]", "värdet ska vara en rad.");
        }
        return items is null ? null : string.Join('\n', items.Select(x => x.Trim()));
    }

    /// <summary>The file's name for a field of the form (keys as <see cref="ProjectInput.Validate"/> sets them).</summary>
    private static string FileField(string key, ProjectRow row, ProjectLookups lookups)
    {
        var m = System.Text.RegularExpressions.Regex.Match(key, @"^(\w+)(?:\[(\d+)\]\.(\w+))?$");
        if (!m.Success) return key;
        var (list, index, field) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
        if (index.Length > 0)
        {
            var fileList = ProjectFields.Covering(list)?.SeedName ?? list;
            var fileField = (list, field) switch
            {
                ("Partners", "OrganisationId") or ("Financiers", "OrganisationId") => "organisation",
                ("Partners", "Role") => "roll",
                ("Partners", "Amount" or "Currency") => "budgetandel",
                ("Financiers", "Amount" or "Currency") => "belopp",
                ("Financiers", "Contribution") => "typ",
                ("Financiers", "Hours") => "timmar",
                ("Financiers", "Rate") => "timpris",
                ("Financiers", "AccountingReference") => "kontering",
                ("Financiers", "Note") => "anteckning",
                ("Contacts", "Name") => "namn",
                ("Contacts", "Role") => "roll",
                ("Contacts", "Organisation") => "organisation",
                ("Contacts", "Phone") => "telefon",
                ("Contacts", "Email") => "epost",
                ("Links", "Kind") => "typ",
                ("Links", "Text") => "text",
                ("Links", "Url") => "url",
                ("Identifiers", "Registry") => "register",
                ("Identifiers", "Value") => "varde",
                ("Results", "IndicatorId") => "indikator",
                ("Results", "Planned") => "planerat",
                ("Results", "Achieved") => "uppnatt",
                _ => field,
            };
            return $"{fileList}[{index}].{fileField}";
        }
        // The municipality the form's rule could not find, by its place in the file's list.
        if (list == "Municipalities")
            return (row.Kommuner ?? []).FindIndex(x => FieldRules.Municipalities(x, lookups.Municipalities).Unknown.Count > 0) is >= 0 and var i
                ? $"kommuner[{i}]" : "kommuner";
        return ProjectFields.Covering(list)?.SeedName ?? list;
    }

    // The file format, private to the importer: Swedish keys that a Leader office can edit by hand.
    private sealed class ResultRow
    {
        public string? Indikator { get; set; }
        public string? Planerat { get; set; }
        public string? Uppnatt { get; set; }
    }

    private sealed class ProjectRow
    {
        public string? Titel { get; set; }
        public string? Kortnamn { get; set; }
        public string? Status { get; set; }
        public string? Projektagare { get; set; }
        public string? Styrgrupp { get; set; }
        public string? Syfte { get; set; }
        public string? Mal { get; set; }
        public List<string>? Delmal { get; set; }
        public List<string>? Malgrupper { get; set; }
        public PeriodRow? Period { get; set; }
        public string? Budget { get; set; }
        public List<PartnerRow>? Partner { get; set; }
        public List<FinancierRow>? Finansiarer { get; set; }
        public string? FinansieringAnteckning { get; set; }
        public List<string>? Kommuner { get; set; }
        public List<string>? Platser { get; set; }
        public List<string>? Malomraden { get; set; }
        public List<string>? Inriktningsmal { get; set; }
        public List<ContactRow>? Kontakter { get; set; }
        public List<LinkRow>? Lankar { get; set; }
        public List<IdentifierRow>? Identifierare { get; set; }
        public List<StatusRow>? Statushistorik { get; set; }
        public string? SenastUppdaterad { get; set; }
        public string? Beskrivning { get; set; }
        public List<ResultRow>? Resultat { get; set; }
        public string? ResultatText { get; set; }
        public List<FileRow>? Filer { get; set; }
    }

    private sealed class FileRow
    {
        public string? Fil { get; set; }
        public string? Titel { get; set; }
        public string? Alt { get; set; }
        public string? Fotograf { get; set; }
        public string? Licens { get; set; }
        public bool Huvudbild { get; set; }
    }

    private sealed class PeriodRow
    {
        public string? Start { get; set; }
        public string? Slut { get; set; }
    }

    private sealed class PartnerRow
    {
        public string? Organisation { get; set; }
        public string? Roll { get; set; }
        public string? Budgetandel { get; set; }
    }

    private sealed class FinancierRow
    {
        public string? Organisation { get; set; }
        public string? Typ { get; set; }
        public string? Belopp { get; set; }
        public string? Timmar { get; set; }
        public string? Timpris { get; set; }
        public string? Kontering { get; set; }
        public string? Anteckning { get; set; }
    }

    private sealed class ContactRow
    {
        public string? Namn { get; set; }
        public string? Roll { get; set; }
        public string? Organisation { get; set; }
        public string? Telefon { get; set; }
        public string? Epost { get; set; }
    }

    private sealed class LinkRow
    {
        public string? Typ { get; set; }
        public string? Text { get; set; }
        public string? Url { get; set; }
    }

    private sealed class IdentifierRow
    {
        public string? Register { get; set; }
        public string? Varde { get; set; }
    }

    private sealed class StatusRow
    {
        public string? Status { get; set; }
        public string? Datum { get; set; }
        public string? Anteckning { get; set; }
    }
}
