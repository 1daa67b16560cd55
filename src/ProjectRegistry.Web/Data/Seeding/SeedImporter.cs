using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Pages.Admin.Projects;
using OrganisationTexts = ProjectRegistry.Web.Pages.Admin.Organisations.EditModel.Texts;
using SitePageTexts = ProjectRegistry.Web.Pages.Admin.SitePages.EditModel.Texts;
using Texts = ProjectRegistry.Web.Pages.Admin.Projects.ProjectForm.Texts;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ProjectRegistry.Web.Data.Seeding;

/// <summary>
/// Imports seed-data/ (see its README for the format) into an empty database. Every file is read and
/// checked before anything is written, so a broken file leaves the database as it was.
/// </summary>
public sealed class SeedImporter(RegistryDbContext db, TimeProvider clock, ILogger<SeedImporter> logger)
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Loads the municipalities if missing, then the organisations and projects if the registry is empty.</summary>
    public async Task ImportIfEmptyAsync(string root, CancellationToken ct = default)
    {
        if (!Directory.Exists(root))
            throw new SeedDataException(root, null, "mappen finns inte. Ange sökvägen med inställningen SeedData:Path.");

        var municipalities = await db.Municipalities.ToDictionaryAsync(m => m.Code, ct);
        var reference = ReadMunicipalities(root);
        var newMunicipalities = reference.Where(m => !municipalities.ContainsKey(m.Code)).ToList();
        foreach (var m in newMunicipalities) municipalities[m.Code] = m;
        // Reference data follows the file: a corrected name or county reaches an existing database too.
        foreach (var r in reference)
        {
            var existing = municipalities[r.Code];
            if (existing == r) continue;
            existing.Name = r.Name;
            existing.CountyCode = r.CountyCode;
            existing.CountyName = r.CountyName;
        }

        var registryIsEmpty = !await db.Organisations.AnyAsync(ct) && !await db.Projects.AnyAsync(ct);
        Dictionary<string, Organisation> organisations = [];
        List<Project> projects = [];
        if (registryIsEmpty)
        {
            organisations = ReadOrganisations(root, municipalities);
            var goals = ReadPublishers(root, organisations, municipalities);
            projects = ReadProjects(root, organisations, municipalities, goals);
        }
        else
        {
            logger.LogInformation("Registret har redan innehåll; seed-data läses inte in igen");
        }
        var pages = await ReadMissingSitePagesAsync(root, ct);
        if (newMunicipalities.Count == 0 && projects.Count == 0 && organisations.Count == 0 && pages.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.SitePages.AddRange(pages);
        db.Municipalities.AddRange(newMunicipalities);
        db.Organisations.AddRange(organisations.Values);
        db.Projects.AddRange(projects);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        logger.LogInformation(
            "Inläst: {MunicipalityCount} kommuner, {OrganisationCount} organisationer och {ProjectCount} projekt från {SeedPath}",
            newMunicipalities.Count, organisations.Count, projects.Count, root);
    }

    public sealed record DirectoryImport(int NewOrganisations, int NewProjects, int UpdatedProjects, int UnchangedProjects);

    /// <summary>
    /// <c>import DIR</c>: a publisher that keeps its list in files (the seed-data format) brings the registry in
    /// step with them. New organisations and projects are added; a project whose file differs from the registry
    /// takes the file's fields, with a revision naming the import; a publisher file sets the list's texts and adds
    /// missing goal areas. Nothing is deleted, and organisations already in the registry are left as staff keep
    /// them. Every file is read and checked first and everything is written in one transaction, so a broken
    /// file changes nothing.
    /// </summary>
    public async Task<DirectoryImport> ImportDirectoryAsync(string root, string importedBy, CancellationToken ct = default)
    {
        if (!Directory.Exists(root))
            throw new SeedDataException(root, null, "mappen finns inte.");
        if (!System.IO.File.Exists(Path.Combine(root, "organisations.yaml")) && !Directory.Exists(Path.Combine(root, "projekt")))
            throw new SeedDataException(root, null, "mappen har varken organisations.yaml eller projekt/ (formatet beskrivs i seed-data/README.md).");

        var municipalities = await db.Municipalities.ToDictionaryAsync(m => m.Code, ct);
        var organisations = await db.Organisations
            .Include(o => o.GoalAreas).ThenInclude(g => g.DirectionGoals).Include(o => o.AreaMunicipalities)
            .AsSplitQuery().ToDictionaryAsync(o => o.Slug, StringComparer.Ordinal, ct);
        var newOrganisations = System.IO.File.Exists(Path.Combine(root, "organisations.yaml"))
            ? ReadOrganisations(root, municipalities).Values.Where(o => !organisations.ContainsKey(o.Slug)).ToList()
            : [];
        foreach (var o in newOrganisations) organisations[o.Slug] = o;
        var goals = ReadPublishers(root, organisations, municipalities);
        var files = ReadProjects(root, organisations, municipalities, goals);

        var slugs = files.Select(p => p.Slug).ToList();
        var existing = await ProjectHistory.WithEverything(db.Projects.IgnoreQueryFilters().Include(p => p.Owner))
            .Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, StringComparer.Ordinal, ct);
        foreach (var file in files)
            if (existing.GetValueOrDefault(file.Slug) is { } current && current.PublisherId != file.Publisher.Id)
                throw new SeedDataException($"projekt/{file.Publisher.Slug}/{file.Slug}.yaml", "filnamn",
                    $"projektet /projekt/{file.Slug} finns redan i {Infrastructure.SwedishGrammar.Genitive(current.Publisher.Name)} lista; en import ändrar bara den egna listans projekt.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Organisations.AddRange(newOrganisations);
        // New organisations and goal areas get their ids first, so projects can be compared field by field.
        await db.SaveChangesAsync(ct);
        var lookups = await FormLookups.LoadAllAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = new List<(Project Project, ProjectHistory.Snapshot Before)>();
        var added = 0;
        foreach (var file in files)
        {
            SetKeys(file);
            if (!existing.TryGetValue(file.Slug, out var current))
            {
                db.Projects.Add(file);
                added++;
                continue;
            }
            var before = ProjectHistory.Take(current);
            if (ProjectForm.Compare(before.Form, ProjectForm.FromProject(file), lookups).Count == 0) continue;
            CopyFields(file, current);
            updated.Add((current, before));
        }
        await db.SaveChangesAsync(ct);
        foreach (var (project, before) in updated)
            await ProjectHistory.RecordAsync(db, project.Id, before, ProjectHistory.Take(project), RevisionKind.Imported, lookups, null, importedBy, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        logger.LogInformation(
            "Import från {Path}: {NewOrganisations} nya organisationer, {NewProjects} nya och {UpdatedProjects} ändrade projekt",
            root, newOrganisations.Count, added, updated.Count);
        return new DirectoryImport(newOrganisations.Count, added, updated.Count, files.Count - added - updated.Count);
    }

    /// <summary>A project read from a file refers to its organisations by reference; the form compares them by id.</summary>
    private static void SetKeys(Project p)
    {
        p.PublisherId = p.Publisher.Id;
        p.OwnerId = p.Owner?.Id;
        foreach (var x in p.Partners) x.OrganisationId = x.Organisation.Id;
        foreach (var x in p.Financiers) x.OrganisationId = x.Organisation.Id;
    }

    /// <summary>Everything the file says replaces what the registry has; publishing, deletion and the version stay.</summary>
    private static void CopyFields(Project from, Project to)
    {
        to.Title = from.Title;
        to.ShortName = from.ShortName;
        to.Status = from.Status;
        to.Owner = from.Owner;
        to.OwnerId = from.OwnerId;
        to.SteeringGroup = from.SteeringGroup;
        to.Purpose = from.Purpose;
        to.Goal = from.Goal;
        to.SubGoals = from.SubGoals;
        to.TargetGroups = from.TargetGroups;
        to.Description = from.Description;
        to.Start = from.Start;
        to.End = from.End;
        to.Budget = from.Budget;
        to.FinancingNote = from.FinancingNote;
        to.UpdatedAt = from.UpdatedAt;
        Replace(to.Partners, from.Partners);
        Replace(to.Financiers, from.Financiers);
        Replace(to.Contacts, from.Contacts);
        Replace(to.Links, from.Links);
        Replace(to.Identifiers, from.Identifiers);
        Replace(to.Places, from.Places);
        Replace(to.StatusHistory, from.StatusHistory);
        Replace(to.Municipalities, from.Municipalities);
        Replace(to.GoalAreas, from.GoalAreas);
        Replace(to.DirectionGoals, from.DirectionGoals);

        static void Replace<T>(List<T> target, List<T> source)
        {
            target.Clear();
            target.AddRange(source);
        }
    }

    /// <summary>The site's own pages (sidor/om.md …) that the database does not have yet; admins edit them afterwards.</summary>
    private async Task<List<SitePage>> ReadMissingSitePagesAsync(string root, CancellationToken ct)
    {
        var existing = await db.SitePages.Select(p => p.Slug).ToListAsync(ct);
        var pages = new List<SitePage>();
        foreach (var slug in SitePage.Known.Except(existing))
        {
            var file = $"sidor/{slug}.md";
            var path = Path.Combine(root, file);
            if (!System.IO.File.Exists(path)) throw new SeedDataException(file, null, "filen saknas.");
            var text = await System.IO.File.ReadAllTextAsync(path, Encoding.UTF8, ct);
            var firstLine = text.Split('\n', 2)[0].Trim();
            if (!firstLine.StartsWith("# ", StringComparison.Ordinal))
                throw new SeedDataException(file, "rubrik", "den första raden ska vara sidans rubrik, till exempel ”# Om registret”.", 1);
            pages.Add(new SitePage
            {
                Slug = slug, Title = RequiredText(file, "rubrik", firstLine[2..], SitePageTexts.Title),
                Markdown = Text(file, "text", text.Split('\n', 2).ElementAtOrDefault(1), SitePageTexts.Markdown) ?? "",
                UpdatedAt = clock.GetUtcNow().UtcDateTime, UpdatedBy = "seed-data",
            });
        }
        return pages;
    }

    private static List<Municipality> ReadMunicipalities(string root)
    {
        const string file = "reference/kommuner.csv";
        var path = Path.Combine(root, file);
        if (!System.IO.File.Exists(path)) throw new SeedDataException(file, null, "filen saknas.");
        var result = new List<Municipality>();
        var lines = System.IO.File.ReadAllLines(path, Encoding.UTF8);
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var f = lines[i].Split(',');
            if (f.Length != 6 || !Municipality.IsValidCode(f[0]))
                throw new SeedDataException(file, "kommunkod", $"raden '{lines[i]}' har inte sex fält med en fyrsiffrig kommunkod först.", i + 1);
            result.Add(new Municipality
            {
                Code = f[0], Name = f[1], CountyCode = f[2], CountyName = f[3],
                Latitude = double.Parse(f[4], CultureInfo.InvariantCulture),
                Longitude = double.Parse(f[5], CultureInfo.InvariantCulture),
            });
        }
        return result;
    }

    private static Dictionary<string, Organisation> ReadOrganisations(string root, Dictionary<string, Municipality> municipalities)
    {
        const string file = "organisations.yaml";
        var rows = Load<List<OrganisationRow>>(root, file) ?? [];
        var result = new Dictionary<string, Organisation>(StringComparer.Ordinal);
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            var at = $"[{i}]";
            var slug = Required(file, $"{at}.slug", row.Slug);
            CheckSlug(file, $"{at}.slug", slug);
            if (result.ContainsKey(slug)) throw new SeedDataException(file, $"{at}.slug", $"'{slug}' förekommer två gånger.");
            var kind = OrganisationKinds.All.FirstOrDefault(k => k.Code == row.Typ)
                ?? throw new SeedDataException(file, $"{at}.typ", $"'{row.Typ}' är ingen känd typ ({string.Join(", ", OrganisationKinds.All.Select(k => k.Code))}).");
            if (row.Kommunkod is not null && !municipalities.ContainsKey(row.Kommunkod))
                throw new SeedDataException(file, $"{at}.kommunkod", $"'{row.Kommunkod}' är ingen svensk kommunkod.");
            result[slug] = new Organisation
            {
                Slug = slug,
                Name = RequiredText(file, $"{at}.namn", row.Namn, OrganisationTexts.Name),
                Kind = kind.Kind,
                MunicipalityCode = row.Kommunkod,
                Country = Text(file, $"{at}.land", row.Land, OrganisationTexts.Country),
                Description = Text(file, $"{at}.beskrivning", row.Beskrivning, OrganisationTexts.Description),
                WebsiteUrl = Url(file, $"{at}.webbplats", Text(file, $"{at}.webbplats", row.Webbplats, OrganisationTexts.WebsiteUrl)),
            };
        }
        return result;
    }

    private static Dictionary<(int PublisherKey, string Name), object> ReadPublishers(
        string root, Dictionary<string, Organisation> organisations, Dictionary<string, Municipality> municipalities)
    {
        var goals = new Dictionary<(int, string), object>();
        foreach (var org in organisations.Values)
            foreach (var area in org.GoalAreas)
            {
                goals[(org.GetHashCode(), area.Name)] = area;
                foreach (var goal in area.DirectionGoals) goals[(org.GetHashCode(), goal.Name)] = goal;
            }
        var dir = Path.Combine(root, "publicerare");
        if (!Directory.Exists(dir)) return goals;
        foreach (var path in Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
        {
            var file = Path.GetRelativePath(root, path);
            var row = Load<PublisherRow>(root, file) ?? throw new SeedDataException(file, null, "filen är tom.");
            var org = Org(file, "organisation", Required(file, "organisation", row.Organisation), organisations);
            org.PublisherUnit = Text(file, "enhet", row.Enhet, OrganisationTexts.PublisherUnit);
            org.ListTitle = RequiredText(file, "listrubrik", row.Listrubrik, OrganisationTexts.ListTitle);
            org.ListIntro = Text(file, "inledning", row.Inledning, OrganisationTexts.ListIntro);
            org.SourceUpdatedOn = Date(file, "kalla_senast_uppdaterad", row.KallaSenastUppdaterad);
            foreach (var (code, i) in (row.Kommuner ?? []).Select((c, i) => (c, i)))
            {
                var municipality = municipalities.GetValueOrDefault(code)
                    ?? throw new SeedDataException(file, $"kommuner[{i}]", $"'{code}' är ingen svensk kommunkod.");
                if (!org.AreaMunicipalities.Contains(municipality)) org.AreaMunicipalities.Add(municipality);
            }
            // A publisher already in the registry keeps its goal areas; the file adds those it does not have yet.
            foreach (var (area, i) in (row.Lus ?? []).Select((a, i) => (a, i)))
            {
                var name = RequiredText(file, $"lus[{i}].malomrade", area.Malomrade, Pages.Admin.Organisations.StrategyModel.NameRule);
                var goalArea = org.GoalAreas.FirstOrDefault(g => g.Name == name);
                if (goalArea is null)
                {
                    goalArea = new GoalArea { Name = name, Slug = Slugs.From(name), Position = org.GoalAreas.Count };
                    org.GoalAreas.Add(goalArea);
                }
                goals[(org.GetHashCode(), name)] = goalArea;
                foreach (var (goalName, j) in (area.Inriktningsmal ?? []).Select((g, j) => (g, j)))
                {
                    var text = RequiredText(file, $"lus[{i}].inriktningsmal[{j}]", goalName, Pages.Admin.Organisations.StrategyModel.NameRule);
                    var goal = goalArea.DirectionGoals.FirstOrDefault(d => d.Name == text);
                    if (goal is null)
                    {
                        goal = new DirectionGoal { Name = text, Position = goalArea.DirectionGoals.Count };
                        goalArea.DirectionGoals.Add(goal);
                    }
                    goals[(org.GetHashCode(), goal.Name)] = goal;
                }
            }
        }
        return goals;
    }

    private List<Project> ReadProjects(
        string root, Dictionary<string, Organisation> organisations, Dictionary<string, Municipality> municipalities,
        Dictionary<(int, string), object> goals)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var projects = new List<Project>();
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
                projects.Add(ToProject(file, slug, row, publisher, organisations, municipalities, goals, now));
            }
        }
        return projects;
    }

    private static Project ToProject(
        string file, string slug, ProjectRow row, Organisation publisher, Dictionary<string, Organisation> organisations,
        Dictionary<string, Municipality> municipalities, Dictionary<(int, string), object> goals, DateTime now)
    {
        var project = new Project
        {
            Slug = slug,
            Title = RequiredText(file, "titel", row.Titel, Texts.Title),
            ShortName = Text(file, "kortnamn", row.Kortnamn, Texts.ShortName),
            Status = Status(file, "status", Required(file, "status", row.Status)),
            Publisher = publisher,
            Owner = row.Projektagare is null ? null : Org(file, "projektagare", row.Projektagare, organisations),
            SteeringGroup = Text(file, "styrgrupp", row.Styrgrupp, Texts.SteeringGroup),
            Purpose = Text(file, "syfte", row.Syfte, Texts.Purpose),
            Goal = Text(file, "mal", row.Mal, Texts.Goal),
            SubGoals = Lines(file, "delmal", row.Delmal, Texts.SubGoal, Texts.SubGoals),
            TargetGroups = Lines(file, "malgrupper", row.Malgrupper, Texts.TargetGroup, Texts.TargetGroups),
            Description = Text(file, "beskrivning", row.Beskrivning, Texts.Description),
            Start = PartialDateOf(file, "period.start", row.Period?.Start),
            End = PartialDateOf(file, "period.slut", row.Period?.Slut),
            Budget = MoneyOf(file, "budget", row.Budget),
            FinancingNote = Text(file, "finansiering_anteckning", row.FinansieringAnteckning, Texts.FinancingNote),
            CreatedAt = now,
            IsPublished = true,
            UpdatedAt = Date(file, "senast_uppdaterad", row.SenastUppdaterad)?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) ?? now,
        };
        if (project.Period.EndsBeforeItStarts)
            throw new SeedDataException(file, "period.slut", "slutet ligger före starten.");

        foreach (var (p, i) in (row.Partner ?? []).Select((p, i) => (p, i)))
            project.Partners.Add(new ProjectPartner
            {
                Organisation = Org(file, $"partner[{i}].organisation", Required(file, $"partner[{i}].organisation", p.Organisation), organisations),
                Role = Text(file, $"partner[{i}].roll", p.Roll, Texts.PartnerRole),
                BudgetShare = MoneyOf(file, $"partner[{i}].budgetandel", p.Budgetandel),
                Position = i,
            });
        foreach (var (f, i) in (row.Finansiarer ?? []).Select((f, i) => (f, i)))
            project.Financiers.Add(new ProjectFinancier
            {
                Organisation = Org(file, $"finansiarer[{i}].organisation", Required(file, $"finansiarer[{i}].organisation", f.Organisation), organisations),
                Amount = MoneyOf(file, $"finansiarer[{i}].belopp", f.Belopp),
                AccountingReference = Text(file, $"finansiarer[{i}].kontering", f.Kontering, Texts.AccountingReference),
                Note = Text(file, $"finansiarer[{i}].anteckning", f.Anteckning, Texts.FinancierNote),
                Position = i,
            });
        foreach (var (code, i) in (row.Kommuner ?? []).Select((c, i) => (c, i)))
        {
            var m = municipalities.GetValueOrDefault(code?.Trim() ?? "")
                ?? throw new SeedDataException(file, $"kommuner[{i}]", $"'{code}' är ingen svensk kommunkod (fyra siffror, se reference/kommuner.csv).");
            if (!project.Municipalities.Contains(m)) project.Municipalities.Add(m);
        }
        Lines(file, "platser", row.Platser, Texts.Place, Texts.Places);
        foreach (var (place, i) in (row.Platser ?? []).Select((p, i) => (p, i)))
            project.Places.Add(ProjectPlace.TryParse(RequiredText(file, $"platser[{i}]", place, Texts.Place), out var parsed, out var error)
                ? parsed!
                : throw new SeedDataException(file, $"platser[{i}]", error!));
        foreach (var (name, i) in (row.Malomraden ?? []).Select((n, i) => (n, i)))
            project.GoalAreas.Add(goals.GetValueOrDefault((publisher.GetHashCode(), name)) as GoalArea
                ?? throw new SeedDataException(file, $"malomraden[{i}]", $"'{name}' finns inte bland {publisher.Name}s målområden i publicerare/{publisher.Slug}.yaml."));
        foreach (var (name, i) in (row.Inriktningsmal ?? []).Select((n, i) => (n, i)))
            project.DirectionGoals.Add(goals.GetValueOrDefault((publisher.GetHashCode(), name)) as DirectionGoal
                ?? throw new SeedDataException(file, $"inriktningsmal[{i}]", $"'{name}' finns inte bland {publisher.Name}s inriktningsmål i publicerare/{publisher.Slug}.yaml."));
        foreach (var (c, i) in (row.Kontakter ?? []).Select((c, i) => (c, i)))
        {
            var email = Text(file, $"kontakter[{i}].epost", c.Epost, Texts.Email);
            if (email is not null && !EmailAddress.IsValid(email))
                throw new SeedDataException(file, $"kontakter[{i}].epost", $"'{email}' är ingen giltig e-postadress.");
            if (c.Namn is null && c.Roll is null && email is null)
                throw new SeedDataException(file, $"kontakter[{i}]", "en kontakt behöver ett namn, en roll eller en e-postadress.");
            project.Contacts.Add(new ProjectContact
            {
                Name = Text(file, $"kontakter[{i}].namn", c.Namn, Texts.ContactName),
                Role = Text(file, $"kontakter[{i}].roll", c.Roll, Texts.ContactRole),
                Organisation = Text(file, $"kontakter[{i}].organisation", c.Organisation, Texts.ContactOrganisation),
                Phone = Text(file, $"kontakter[{i}].telefon", c.Telefon, Texts.Phone), Email = email, Position = i,
            });
        }
        foreach (var (l, i) in (row.Lankar ?? []).Select((l, i) => (l, i)))
            project.Links.Add(new ProjectLink
            {
                Kind = (LinkKinds.All.FirstOrDefault(k => k.Code == (l.Typ ?? "las-mer"))
                    ?? throw new SeedDataException(file, $"lankar[{i}].typ", $"'{l.Typ}' är ingen känd länktyp ({string.Join(", ", LinkKinds.All.Select(k => k.Code))}).")).Kind,
                Text = RequiredText(file, $"lankar[{i}].text", l.Text, Texts.LinkText),
                Url = Url(file, $"lankar[{i}].url", Text(file, $"lankar[{i}].url", l.Url, Texts.Url)),
                Position = i,
            });
        foreach (var (id, i) in (row.Identifierare ?? []).Select((x, i) => (x, i)))
            project.Identifiers.Add(new ProjectIdentifier
            {
                Registry = (ExternalRegistries.All.FirstOrDefault(r => r.Code == id.Register)
                    ?? throw new SeedDataException(file, $"identifierare[{i}].register", $"'{id.Register}' är inget känt register ({string.Join(", ", ExternalRegistries.All.Select(r => r.Code))}).")).Registry,
                Value = RequiredText(file, $"identifierare[{i}].varde", id.Varde, Texts.Identifier),
            });
        foreach (var (h, i) in (row.Statushistorik ?? []).Select((h, i) => (h, i)))
            project.StatusHistory.Add(new ProjectStatusChange
            {
                Status = Status(file, $"statushistorik[{i}].status", Required(file, $"statushistorik[{i}].status", h.Status)),
                EffectiveOn = Date(file, $"statushistorik[{i}].datum", h.Datum),
                Note = Text(file, $"statushistorik[{i}].anteckning", h.Anteckning, Texts.StatusNote),
            });
        if (project.StatusHistory.Count == 0 || project.StatusHistory[^1].Status != project.Status)
            throw new SeedDataException(file, "statushistorik", $"den sista posten måste vara projektets nuvarande status ({project.Status.Slug()}).");
        return project;
    }

    private static T? Load<T>(string root, string file)
    {
        var path = Path.Combine(root, file);
        if (!System.IO.File.Exists(path)) throw new SeedDataException(file, null, "filen saknas.");
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            return Yaml.Deserialize<T>(reader);
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message ?? e.Message;
            var field = UnknownProperty(inner);
            var problem = field is not null
                ? "fältet är okänt (stavfel? se seed-data/README.md för vilka fält som finns)."
                : $"filen går inte att läsa som YAML: {inner}";
            throw new SeedDataException(file, field, problem, e.Start.Line);
        }
    }

    private static string? UnknownProperty(string message)
    {
        const string marker = "Property '";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0 || !message.Contains("not found", StringComparison.Ordinal)) return null;
        start += marker.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Required(string file, string field, string? value) =>
        Clean(value) ?? throw new SeedDataException(file, field, "värdet saknas.");

    /// <summary>A text as the admin form would store it (the form's own rule), or the rule's reason it cannot be.</summary>
    private static string? Text(string file, string field, string? value, TextRule rule)
    {
        var cleaned = rule.Clean(value);
        return rule.Problem(cleaned) is { } problem ? throw new SeedDataException(file, field, problem) : cleaned;
    }

    private static string RequiredText(string file, string field, string? value, TextRule rule) =>
        Text(file, field, value, rule) ?? throw new SeedDataException(file, field, "värdet saknas.");

    /// <summary>A list the form takes as lines of one text: each item and the whole meet the form's rules.</summary>
    private static List<string> Lines(string file, string field, List<string>? items, TextRule item, TextRule whole)
    {
        var lines = (items ?? []).Select((s, i) => RequiredText(file, $"{field}[{i}]", s, item)).ToList();
        Text(file, field, string.Join('\n', lines), whole);
        return lines;
    }

    private static Organisation Org(string file, string field, string slug, Dictionary<string, Organisation> organisations) =>
        organisations.GetValueOrDefault(slug.Trim())
        ?? throw new SeedDataException(file, field, $"'{slug}' finns inte i organisations.yaml.");

    private static ProjectStatus Status(string file, string field, string slug) =>
        ProjectStatuses.TryParseSlug(slug, out var status)
            ? status
            : throw new SeedDataException(file, field, $"'{slug}' är ingen känd status ({string.Join(", ", ProjectStatuses.All.Select(s => s.Slug))}).");

    private static PartialDate? PartialDateOf(string file, string field, string? text) =>
        Clean(text) is not { } s ? null
        : PartialDate.TryParse(s, out var d) ? d
        : throw new SeedDataException(file, field, $"'{s}' är inget giltigt datum (skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD).");

    private static DateOnly? Date(string file, string field, string? text) =>
        Clean(text) is not { } s ? null
        : DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
        : throw new SeedDataException(file, field, $"'{s}' är inget giltigt datum (skriv ÅÅÅÅ-MM-DD).");

    private static Money? MoneyOf(string file, string field, string? text) =>
        Clean(text) is not { } s ? null
        : Money.TryParse(s, out var m) ? m
        : throw new SeedDataException(file, field, $"'{s}' är inget giltigt belopp (skriv t.ex. 135 000 SEK; valuta: {string.Join(", ", Money.SupportedCurrencies)}).");

    private static string? Url(string file, string field, string? text)
    {
        if (Clean(text) is not { } s) return null;
        return Uri.TryCreate(s, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? s
            : throw new SeedDataException(file, field, $"'{s}' är ingen webbadress (den ska börja med https:// eller http://).");
    }

    private static void CheckSlug(string file, string field, string slug)
    {
        if (!Slugs.IsValid(slug))
            throw new SeedDataException(file, field, $"'{slug}' får bara innehålla a–z, 0–9 och bindestreck.");
    }

    // The file format, private to the importer: Swedish keys that a Leader office can edit by hand.
    private sealed class OrganisationRow
    {
        public string? Slug { get; set; }
        public string? Namn { get; set; }
        public string? Typ { get; set; }
        public string? Kommunkod { get; set; }
        public string? Land { get; set; }
        public string? Beskrivning { get; set; }
        public string? Webbplats { get; set; }
    }

    private sealed class PublisherRow
    {
        public string? Organisation { get; set; }
        public string? Enhet { get; set; }
        public string? Listrubrik { get; set; }
        public string? Inledning { get; set; }
        public List<string>? Kommuner { get; set; }
        public string? KallaSenastUppdaterad { get; set; }
        public List<GoalAreaRow>? Lus { get; set; }
    }

    private sealed class GoalAreaRow
    {
        public string? Malomrade { get; set; }
        public List<string>? Inriktningsmal { get; set; }
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
        public string? Belopp { get; set; }
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
