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
/// Imports seed-data/ (see its README for the format) into an empty database. Every file is read and
/// checked before anything is written, so a broken file leaves the database as it was.
/// </summary>
public sealed partial class SeedImporter(RegistryDbContext db, TimeProvider clock, ILogger<SeedImporter> logger)
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
        var goals = new Goals();
        List<ProjectFile> projects = [];
        if (registryIsEmpty)
        {
            organisations = ReadOrganisations(root, municipalities, new Dictionary<string, Organisation>());
            goals = ReadPublishers(root, organisations, municipalities);
            projects = ReadProjectFiles(root, organisations);
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

        // One transaction. The organisations get their ids first: a project is checked by the same rules as the admin
        // form, which names organisations and goal areas by id. A file that breaks a rule rolls everything back.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.SitePages.AddRange(pages);
        db.Municipalities.AddRange(newMunicipalities);
        db.Organisations.AddRange(organisations.Values);
        await db.SaveChangesAsync(ct);
        var lookups = await ProjectLookups.LoadAllAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var file in projects)
        {
            var project = FromFile(file, organisations, goals, lookups, null).Project;
            AddFiles(root, file, project, new Dictionary<string, Domain.ProjectFile>(), now);
            db.Projects.Add(project);
        }
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
            .Include(o => o.GoalAreas).ThenInclude(g => g.DirectionGoals).Include(o => o.AreaMunicipalities).Include(o => o.Indicators)
            .AsSplitQuery().ToDictionaryAsync(o => o.Slug, StringComparer.Ordinal, ct);
        var newOrganisations = System.IO.File.Exists(Path.Combine(root, "organisations.yaml"))
            ? ReadOrganisations(root, municipalities, organisations).Values.Where(o => !organisations.ContainsKey(o.Slug)).ToList()
            : [];
        foreach (var o in newOrganisations) organisations[o.Slug] = o;
        var goals = ReadPublishers(root, organisations, municipalities);
        var files = ReadProjectFiles(root, organisations);

        var slugs = files.Select(p => p.Slug).ToList();
        var existing = await ProjectHistory.WithEverything(db.Projects.IgnoreQueryFilters().Include(p => p.Owner))
            .Where(p => slugs.Contains(p.Slug)).ToDictionaryAsync(p => p.Slug, StringComparer.Ordinal, ct);
        foreach (var file in files)
            if (existing.GetValueOrDefault(file.Slug) is { } current && current.PublisherId != file.Publisher.Id)
                throw new SeedDataException($"projekt/{file.Publisher.Slug}/{file.Slug}.yaml", "filnamn",
                    $"projektet /projekt/{file.Slug} finns redan i {Infrastructure.Text.SwedishGrammar.Genitive(current.Publisher.Name)} lista; en import ändrar bara den egna listans projekt.");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Organisations.AddRange(newOrganisations);
        // New organisations and goal areas get their ids first, so projects can be compared field by field.
        await db.SaveChangesAsync(ct);
        var lookups = await ProjectLookups.LoadAllAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = new List<(Project Project, ProjectSnapshot Before)>();
        var added = 0;
        // The files the projects have, by the hash of what was uploaded: a file named again in a re-import is the same file.
        var existingIds = existing.Values.Select(p => p.Id).ToList();
        var uploaded = await db.ProjectFileContents.AsNoTracking()
            .Where(c => c.Variant == ProjectFileContent.Original)
            .Join(db.ProjectFiles.Where(x => existingIds.Contains(x.ProjectId)), c => c.FileId, x => x.Id, (c, x) => new { c.FileId, c.Hash }).ToDictionaryAsync(c => c.FileId, c => c.Hash, ct);
        foreach (var file in files)
        {
            var current = existing.GetValueOrDefault(file.Slug);
            var before = current is null ? null : ProjectHistory.Take(current);
            var (project, changed) = FromFile(file, organisations, goals, lookups, current);
            var present = current is null ? new Dictionary<string, Domain.ProjectFile>() : current.Files.Where(x => x.RemovedAt is null && uploaded.ContainsKey(x.Id))
                .GroupBy(x => uploaded[x.Id]).ToDictionary(g => g.Key, g => g.First());
            changed |= AddFiles(root, file, project, present, now);
            if (current is null)
            {
                db.Projects.Add(project);
                added++;
            }
            else if (changed)
            {
                updated.Add((current, before!));
            }
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

    /// <summary>"12 000 000 SEK" by the form's money rule, or the rule's reason it is not an amount.</summary>
    private static Money? MoneyText(string file, string field, string? text)
    {
        var (amount, currency) = AmountAndCurrency(text);
        return FieldRules.Money(amount, currency, out var money) is { } wrong ? throw new SeedDataException(file, field, wrong.Problem) : money;
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

    private static string? Clean(string? s) => FieldRules.Clean(s);

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

    private static Organisation Org(string file, string field, string slug, Dictionary<string, Organisation> organisations) =>
        organisations.GetValueOrDefault(slug.Trim())
        ?? throw new SeedDataException(file, field, $"'{slug}' finns inte i organisations.yaml.");

    private static ProjectStatus Status(string file, string field, string slug) =>
        ProjectStatuses.TryParseSlug(slug, out var status)
            ? status
            : throw new SeedDataException(file, field, $"'{slug}' är ingen känd status ({string.Join(", ", ProjectStatuses.All.Select(s => s.Slug))}).");

    private static DateOnly? Date(string file, string field, string? text) =>
        FieldRules.Day(text, out var day) is { } problem ? throw new SeedDataException(file, field, problem) : day;

    private static void CheckSlug(string file, string field, string slug)
    {
        if (!Slugs.IsValid(slug))
            throw new SeedDataException(file, field, $"'{slug}' får bara innehålla a–z, 0–9 och bindestreck.");
    }
}
