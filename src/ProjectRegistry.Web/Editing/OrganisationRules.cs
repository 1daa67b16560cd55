using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Web.Editing;

/// <summary>
/// The rules of an organisation that more than one page needs: a free address name, names that nearly match one
/// already in the registry, an organisation an editor adds from the project form, and an admin's merge of one into
/// another.
/// </summary>
public static class OrganisationRules
{
    /// <summary>"region-norrbotten-2" when "region-norrbotten" is taken: the stem and the first free number.</summary>
    public static async Task<string> FreeSlugAsync(RegistryDbContext db, string slug, CancellationToken ct = default)
    {
        var stem = Shorten(slug, Slugs.MaxLength - 4);
        return FreeSlug(slug, await db.Organisations.Where(o => o.Slug.StartsWith(stem)).Select(o => o.Slug).ToListAsync(ct));
    }

    /// <summary>The same, among addresses already loaded (<paramref name="taken"/> may hold any others).</summary>
    public static string FreeSlug(string slug, IEnumerable<string> taken)
    {
        var stem = Shorten(slug, Slugs.MaxLength - 4);
        var held = taken.Where(s => s.StartsWith(stem, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        for (var n = 2; ; n++)
            if (!held.Contains($"{stem}-{n}")) return $"{stem}-{n}";
    }

    private static string Shorten(string slug, int max) => slug.Length <= max ? slug : slug[..max].TrimEnd('-');

    /// <summary>
    /// The organisations whose names nearly match <paramref name="name"/>, closest first, at most <paramref name="max"/>:
    /// the same letters without case and accents ("Jordbruksverket", "jordbruksverket"), a few typing errors (one per
    /// six letters, at least one), or every word of the name typed standing in the other ("Norrbotten" in "Region
    /// Norrbotten"). The words "kommun", "region" and the like count as words like any other.
    /// </summary>
    public static List<(int Id, string Name)> NearMatches(string name, IEnumerable<KeyValuePair<int, string>> organisations, int max = 3)
    {
        var typed = SearchText.Normalize(name).Trim();
        if (typed.Length == 0) return [];
        var typedWords = Words(typed);
        var allowed = Math.Max(1, typed.Length / 6);
        var found = new List<(int Id, string Name, int Distance)>();
        foreach (var (id, other) in organisations)
        {
            var candidate = SearchText.Normalize(other).Trim();
            var distance = FieldRules.EditDistance(typed, candidate, allowed + 1);
            if (distance <= allowed) found.Add((id, other, distance));
            else if (typedWords.Count > 0 && typedWords.All(w => Words(candidate).Contains(w))) found.Add((id, other, allowed + 1));
        }
        return found.OrderBy(f => f.Distance).ThenBy(f => f.Name, StringComparer.CurrentCulture).Take(max).Select(f => (f.Id, f.Name)).ToList();
    }

    // Words of three letters or more: "i", "och" and the like would match half the registry.
    private static HashSet<string> Words(string normalized) =>
        normalized.Split([' ', '-', ',', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4).ToHashSet();

    /// <summary>What the editor typed for a new organisation, and what became of it.</summary>
    public sealed record NewOrganisationResult(Organisation? Added, (int Id, string Name)? Existing, List<(int Id, string Name)> NearMatches, string? Problem);

    /// <summary>
    /// Adds an organisation an editor found missing from the project form, as "ny, ej granskad" for an admin to
    /// review. Names that nearly match one in the registry are offered first (unless <paramref name="confirmed"/>); the
    /// same name, or a municipality the registry already has, is chosen rather than added twice. A municipality's name
    /// is read by the municipality list's rule (<see cref="FieldRules.Municipalities"/>), with "Menade du …?".
    /// </summary>
    public static async Task<NewOrganisationResult> AddFromProjectFormAsync(
        RegistryDbContext db, ProjectLookups lookups, string? typedName, string? kindCode, bool confirmed, string addedBy, DateTime now,
        CancellationToken ct = default)
    {
        var name = OrganisationTexts.Name.Clean(typedName);
        if (name is null) return Refused("Skriv organisationens namn.");
        if (OrganisationTexts.Name.Problem(name) is { } tooLong) return Refused(tooLong);
        var kind = OrganisationKinds.All.FirstOrDefault(k => k.Code == kindCode)?.Kind;
        if (kind is null) return Refused("Välj vilken typ av organisation det är.");

        string? code = null;
        if (kind == OrganisationKind.Municipality)
        {
            // "Jokkmokks kommun" as the name is written; the list's rule reads "Jokkmokk".
            var stem = name.EndsWith(" kommun", StringComparison.OrdinalIgnoreCase) ? name[..^" kommun".Length].Trim() : name;
            var (found, _) = FieldRules.Municipalities(stem, lookups.Municipalities);
            if (found.Count != 1 && stem.EndsWith('s')) (found, _) = FieldRules.Municipalities(stem[..^1], lookups.Municipalities);
            if (found.Count != 1)
                return Refused($"Hittar ingen kommun som heter ”{stem}”.{FieldRules.DidYouMean(stem, lookups.Municipalities)} En kommun läggs till med sitt namn, till exempel Jokkmokks kommun.");
            code = found[0].Code;
            if (await db.Organisations.AsNoTracking().Where(o => o.MunicipalityCode == code).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct) is { } held)
                return new(null, (held.Id, held.Name), [], null);
        }

        var near = NearMatches(name, lookups.Organisations);
        var same = near.FirstOrDefault(n => SearchText.Normalize(n.Name) == SearchText.Normalize(name));
        if (same.Name is not null) return new(null, same, [], null);
        if (near.Count > 0 && !confirmed) return new(null, null, near, null);

        var slug = Slugs.From(name);
        if (slug.Length == 0) return Refused("Namnet måste innehålla bokstäver eller siffror.");
        if (await db.Organisations.AnyAsync(o => o.Slug == slug, ct)) slug = await FreeSlugAsync(db, slug, ct);
        var organisation = new Organisation
        {
            Name = name, Slug = slug, Kind = kind.Value, MunicipalityCode = code,
            Review = OrganisationReview.New, AddedBy = addedBy, AddedAt = now,
        };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        lookups.Organisations[organisation.Id] = organisation.Name;
        lookups.OrganisationKinds[organisation.Id] = organisation.Kind;
        return new(organisation, null, [], null);

        static NewOrganisationResult Refused(string problem) => new(null, null, [], problem);
    }

    /// <summary>
    /// Moves every reference to <paramref name="from"/> onto <paramref name="into"/> (owner, partner and financier rows,
    /// published projects, strategy, feedback, area, revisions' snapshots, staff's drafts) and deletes it, in one transaction, with an audit entry. A
    /// project that had both as partners or financiers keeps each row: the amounts may differ, and the editor decides.
    /// Returns how many projects changed.
    /// </summary>
    public static async Task<int> MergeAsync(RegistryDbContext db, int from, int into, Func<string, Task> audit, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var source = await db.Organisations.Include(o => o.AreaMunicipalities).FirstAsync(o => o.Id == from, ct);
        var target = await db.Organisations.Include(o => o.AreaMunicipalities).FirstAsync(o => o.Id == into, ct);
        // Tracked, not ExecuteUpdate: the DbContext keeps each project's search text and the public cache on save.
        var projects = await db.Projects.IgnoreQueryFilters()
            .Include(p => p.Partners).Include(p => p.Financiers)
            .Where(p => p.PublisherId == from || p.OwnerId == from
                || p.Partners.Any(x => x.OrganisationId == from) || p.Financiers.Any(x => x.OrganisationId == from))
            .ToListAsync(ct);
        foreach (var p in projects)
        {
            if (p.PublisherId == from) p.PublisherId = into;
            if (p.OwnerId == from) p.OwnerId = into;
            foreach (var x in p.Partners.Where(x => x.OrganisationId == from)) x.OrganisationId = into;
            foreach (var x in p.Financiers.Where(x => x.OrganisationId == from)) x.OrganisationId = into;
        }
        await db.GoalAreas.Where(g => g.OrganisationId == from).ExecuteUpdateAsync(s => s.SetProperty(g => g.OrganisationId, into), ct);
        await db.Indicators.Where(i => i.OrganisationId == from).ExecuteUpdateAsync(s => s.SetProperty(i => i.OrganisationId, into), ct);
        await db.FeedbackMessages.Where(m => m.PublisherId == from).ExecuteUpdateAsync(s => s.SetProperty(m => m.PublisherId, into), ct);
        // Staff accounts are never moved as a side effect (issue 24, L6): the review page refuses a merge while any remain.
        if (await db.Users.AnyAsync(u => u.Organisations.Any(o => o.Id == from), ct))
            throw new InvalidOperationException($"Organisation {from} har personalkonton; flytta dem före en sammanslagning.");
        // The history and the staff's unsaved forms name organisations by id too: a restore or a "Fortsätt där du
        // slutade" must find the one merged into. Only the texts that mention the id are read (a false hit such as
        // id 12 for 1 is read and left as it is).
        var id = from.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] keys = [$"\"OrganisationId\":{id}", $"\"OwnerId\":{id}", $"\"PublisherId\":{id}"];
        foreach (var r in await db.ProjectRevisions.Where(r => r.SnapshotJson.Contains(keys[0]) || r.SnapshotJson.Contains(keys[1]) || r.SnapshotJson.Contains(keys[2])).ToListAsync(ct))
            r.SnapshotJson = WithOrganisation(r.SnapshotJson, from, into, SnapshotJson);
        foreach (var d in await db.ProjectDrafts.Where(d => d.InputJson.Contains(keys[0]) || d.InputJson.Contains(keys[1]) || d.InputJson.Contains(keys[2])).ToListAsync(ct))
            d.InputJson = WithOrganisation(d.InputJson, from, into, DraftJson);
        foreach (var m in source.AreaMunicipalities.Where(m => !target.AreaMunicipalities.Contains(m)).ToList()) target.AreaMunicipalities.Add(m);
        source.AreaMunicipalities.Clear();
        target.Review = OrganisationReview.Reviewed;
        await db.SaveChangesAsync(ct);
        db.Organisations.Remove(source);
        await audit($"”{source.Name}” (id {source.Id}) sammanslagen med ”{target.Name}” (id {target.Id}); {projects.Count} projekt flyttade");
        await tx.CommitAsync(ct);
        return projects.Count;
    }

    // As ProjectSnapshot writes a revision (default escaping) and as the project form writes a draft (letters as typed).
    private static readonly JsonSerializerOptions SnapshotJson = new();
    private static readonly JsonSerializerOptions DraftJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The JSON with every OrganisationId, OwnerId and PublisherId that is <paramref name="from"/> made <paramref name="into"/>.</summary>
    internal static string WithOrganisation(string json, int from, int into, JsonSerializerOptions options)
    {
        var root = JsonNode.Parse(json);
        if (root is null) return json;
        var changed = false;
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, value) in o.ToList())
                    {
                        if (name is "OrganisationId" or "OwnerId" or "PublisherId" && value is JsonValue v && v.TryGetValue<int>(out var n) && n == from)
                        {
                            o[name] = into;
                            changed = true;
                        }
                        else Walk(value);
                    }
                    break;
                case JsonArray a:
                    foreach (var item in a) Walk(item);
                    break;
            }
        }
        Walk(root);
        return changed ? root.ToJsonString(options) : json;
    }
}
