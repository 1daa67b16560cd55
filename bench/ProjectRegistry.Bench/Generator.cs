using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Data.Engines;
using ProjectRegistry.Web.Data.Seeding;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Security;
using ProjectRegistry.Web.Infrastructure.Text;
using static ProjectRegistry.Bench.Vocabulary;

namespace ProjectRegistry.Bench;

/// <summary>
/// Builds a registry database the way the app would hold it after years of use: migrated and seeded by the
/// app's own code (the 25 real projects), then filled up to N projects spread over all 290 municipalities,
/// some 40 Leader areas and 20 municipalities that publish, thousands of owners, 1 to 12 financiers each.
/// The same N and seed give the same data.
/// </summary>
internal sealed class Generator(string databasePath, string seedDataPath, int total, TextWriter log)
{
    // Larger batches cost memory (the change tracker) and save little more: 5,000 keeps a batch near 100 MB.
    private const int BatchSize = 5_000;
    private static readonly DateOnly Today = new(2026, 11, 1);
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    private readonly Random _rng = new(20_261_101);
    private readonly HashSet<string> _slugs = new(StringComparer.Ordinal);
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();

    // The world the projects are drawn from, by id, so that each batch can use its own context.
    private readonly List<Publisher> _publishers = [];
    private readonly Dictionary<string, int> _municipalityOrg = [];
    private readonly Dictionary<string, int> _region = [];
    private readonly Dictionary<string, int> _countyBoard = [];
    private readonly Dictionary<string, List<string>> _countyMunicipalities = [];
    private readonly Dictionary<string, string> _countyOf = [];
    private readonly List<int> _owners = [];
    private readonly List<int> _agencies = [];
    private readonly List<int> _foundations = [];
    private readonly List<int> _programmes = [];
    private readonly Dictionary<string, int> _funds = [];
    private readonly List<string> _places = [];

    private sealed record Publisher(int Id, string Slug, bool IsLag, string CountyCode, string[] Area, int[] GoalAreas, Dictionary<int, int[]> DirectionGoals, int Weight);

    public async Task RunAsync()
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        foreach (var file in new[] { databasePath, databasePath + "-journal", databasePath + "-wal", databasePath + "-shm" })
            File.Delete(file);

        await using (var db = NewContext())
        {
            await db.Database.MigrateAsync();
            await new SeedImporter(db, TimeProvider.System, NullLogger<SeedImporter>.Instance).ImportIfEmptyAsync(seedDataPath);
            using var roles = new RoleManager<IdentityRole>(
                new RoleStore<IdentityRole>(db), [], new UpperInvariantLookupNormalizer(), new IdentityErrorDescriber(),
                NullLogger<RoleManager<IdentityRole>>.Instance);
            await StaffAccounts.EnsureRolesAsync(roles);
        }

        int existing;
        await using (var db = NewContext()) existing = await db.Projects.IgnoreQueryFilters().CountAsync();
        log.WriteLine($"{databasePath}: migrated and seeded ({existing} projects) in {clock.Elapsed.TotalSeconds:0.0} s");
        if (total <= existing) return;

        await BuildWorldAsync();
        log.WriteLine($"  {_publishers.Count} publishers, {_owners.Count} owners and partners, {_municipalityOrg.Count} municipalities as organisations");

        var added = 0;
        while (added < total - existing)
        {
            var count = Math.Min(BatchSize, total - existing - added);
            await using var db = NewContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = await Batch.LoadAsync(db);
            for (var i = 0; i < count; i++) db.Projects.Add(NewProject(batch));
            await db.SaveChangesAsync();
            added += count;
            log.WriteLine($"  {existing + added,7} projects  {clock.Elapsed.TotalSeconds,6:0.0} s");
        }
        log.WriteLine($"{databasePath}: {total} projects, {new FileInfo(databasePath).Length / 1_048_576.0:0.0} MB, {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private RegistryDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<RegistryDbContext>();
        DatabaseEngines.Named("Sqlite").Configure(options, _connectionString).AddInterceptors(new FastWrites());
        return new RegistryDbContext(options.Options);
    }

    /// <summary>
    /// A generated database is a throw-away file that is rebuilt when it is damaged: no fsync and the rollback
    /// journal in memory while it is written (the app switches it to WAL when it opens it), and a larger page
    /// cache. About a third less time at 10,000 projects; the rest is EF building the rows.
    /// </summary>
    private sealed class FastWrites : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY; PRAGMA cache_size = -200000; PRAGMA temp_store = MEMORY;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The tracked entities one batch's projects point at.</summary>
    private sealed record Batch(
        Dictionary<int, Organisation> Organisations, Dictionary<string, Municipality> Municipalities,
        Dictionary<int, GoalArea> GoalAreas, Dictionary<int, DirectionGoal> DirectionGoals)
    {
        public static async Task<Batch> LoadAsync(RegistryDbContext db) => new(
            await db.Organisations.ToDictionaryAsync(o => o.Id),
            await db.Municipalities.ToDictionaryAsync(m => m.Code),
            await db.GoalAreas.ToDictionaryAsync(g => g.Id),
            await db.DirectionGoals.ToDictionaryAsync(g => g.Id));
    }

    private async Task BuildWorldAsync()
    {
        await using var db = NewContext();
        var municipalities = await db.Municipalities.OrderBy(m => m.Code).ToListAsync();
        var organisations = await db.Organisations.Include(o => o.AreaMunicipalities).Include(o => o.GoalAreas).ThenInclude(g => g.DirectionGoals).ToListAsync();
        var bySlug = organisations.ToDictionary(o => o.Slug, StringComparer.Ordinal);
        _slugs.UnionWith(await db.Projects.IgnoreQueryFilters().Select(p => p.Slug).ToListAsync());

        foreach (var m in municipalities)
        {
            _countyOf[m.Code] = m.CountyCode;
            if (!_countyMunicipalities.TryGetValue(m.CountyCode, out var list)) _countyMunicipalities[m.CountyCode] = list = [];
            list.Add(m.Code);
        }
        foreach (var prefix in PlacePrefixes)
            foreach (var suffix in PlaceSuffixes)
                _places.Add(prefix + suffix);

        Organisation GetOrAdd(string slug, Func<Organisation> create)
        {
            if (bySlug.TryGetValue(slug, out var found)) return found;
            var org = create();
            bySlug[slug] = org;
            organisations.Add(org);
            db.Organisations.Add(org);
            return org;
        }
        Organisation Simple(string name, OrganisationKind kind, string? slug = null) =>
            GetOrAdd(slug ?? Slugs.From(name), () => new Organisation { Slug = slug ?? Slugs.From(name), Name = name, Kind = kind });

        var municipalityOrgs = new Dictionary<string, Organisation>();
        foreach (var m in municipalities)
        {
            var org = organisations.FirstOrDefault(o => o.MunicipalityCode == m.Code);
            if (org is null)
            {
                var name = m.Code == "0980" ? "Region Gotland" : $"{MunicipalityGenitive(m.Name)} kommun";
                org = GetOrAdd(Slugs.From(name), () => new Organisation
                {
                    Slug = Slugs.From(name), Name = name, Kind = OrganisationKind.Municipality, MunicipalityCode = m.Code,
                    WebsiteUrl = $"https://www.{Slugs.From(m.Name).Replace("-", "", StringComparison.Ordinal)}.example.se/",
                });
            }
            municipalityOrgs[m.Code] = org;
        }
        var regions = new Dictionary<string, Organisation>();
        var boards = new Dictionary<string, Organisation>();
        foreach (var county in municipalities.Select(m => (m.CountyCode, m.CountyName)).Distinct())
        {
            var shortName = CountyShortName(county.CountyName);
            regions[county.CountyCode] = county.CountyCode == "09" ? municipalityOrgs["0980"] : Simple($"Region {shortName}", OrganisationKind.Region);
            boards[county.CountyCode] = Simple($"Länsstyrelsen {shortName}", OrganisationKind.GovernmentAgency);
        }
        var agencies = Agencies.Select(a => Simple(a, OrganisationKind.GovernmentAgency)).ToList();
        var funds = EuFunds.ToDictionary(f => f.Slug, f => Simple(f.Name, OrganisationKind.EuFund, f.Slug));
        var programmes = EuProgrammes.Select(p => Simple(p, OrganisationKind.EuProgramme)).ToList();
        var foundations = Foundations.Select(f => Simple(f, OrganisationKind.Other)).ToList();

        // Associations and companies: about one for every eight projects, as in a real registry where most own a few.
        var owners = new List<Organisation>();
        var wanted = Math.Clamp(total / 8, 200, 15_000);
        for (var attempt = 0; owners.Count < wanted && attempt < wanted * 4; attempt++)
        {
            var code = Pick(municipalities).Code;
            var place = Pick(_places);
            var name = string.Format(Swedish, Pick(OwnerTemplates), place);
            if (bySlug.ContainsKey(Slugs.From(name))) name += $" i {municipalities.First(m => m.Code == code).Name}";
            if (bySlug.ContainsKey(Slugs.From(name))) continue;
            var kind = name.EndsWith(" AB", StringComparison.Ordinal) || name.Contains(" AB ", StringComparison.Ordinal)
                ? OrganisationKind.Company : OrganisationKind.Association;
            owners.Add(Simple(name, kind));
        }

        // Publishers: the Leader areas of each county share its municipalities; 20 municipalities publish their own lists.
        var lags = new List<Organisation>();
        foreach (var (county, names) in LeaderAreas)
        {
            var codes = _countyMunicipalities[county];
            for (var i = 0; i < names.Length; i++)
            {
                var lag = Simple(names[i], OrganisationKind.LocalActionGroup);
                if (lag.ListTitle is not null) continue;
                lag.ListTitle = "Beviljade projekt";
                lag.ListIntro = Pick(Intros);
                lag.Description = $"Leaderområde (LAG) i {municipalities.First(m => m.CountyCode == county).CountyName}.";
                lag.SourceUpdatedOn = Today.AddDays(-_rng.Next(5, 400));
                foreach (var code in codes.Where((_, j) => j % names.Length == i))
                    lag.AreaMunicipalities.Add(municipalities.First(m => m.Code == code));
                var areas = GoalAreaNames.OrderBy(_ => _rng.Next()).Take(_rng.Next(3, 5)).ToList();
                foreach (var (area, position) in areas.Select((a, p) => (a, p)))
                {
                    var goalArea = new GoalArea { Name = area, Slug = Slugs.From(area), Position = position };
                    foreach (var (goal, g) in DirectionGoalNames.OrderBy(_ => _rng.Next()).Take(_rng.Next(2, 4)).Select((x, g) => (x, g)))
                        goalArea.DirectionGoals.Add(new DirectionGoal { Name = goal, Position = g });
                    lag.GoalAreas.Add(goalArea);
                }
                // A few publishers keep projects the board has not yet decided on from the public.
                if (lags.Count % 9 == 4) lag.HiddenStatuses = [ProjectStatus.UnderReview];
                lags.Add(lag);
            }
        }
        var municipalPublishers = municipalities.Where(m => municipalityOrgs[m.Code].ListTitle is null)
            .OrderBy(_ => _rng.Next()).Take(20).Select(m => municipalityOrgs[m.Code]).ToList();
        foreach (var org in municipalPublishers)
        {
            org.ListTitle = Pick(["Pågående och avslutade projekt", "Avslutade projekt", "Projekt med extern finansiering"]);
            org.PublisherUnit = Pick(["Näringslivsavdelningen", "Utvecklingsavdelningen", "Kommunledningskontoret"]);
            org.ListIntro = "Kommunen redovisar här projekt som den driver eller medfinansierar med externa medel.";
            org.AreaMunicipalities.Add(municipalities.First(m => m.Code == org.MunicipalityCode));
        }

        await db.SaveChangesAsync();

        foreach (var (code, org) in municipalityOrgs) _municipalityOrg[code] = org.Id;
        foreach (var (county, org) in regions) _region[county] = org.Id;
        foreach (var (county, org) in boards) _countyBoard[county] = org.Id;
        _agencies.AddRange(agencies.Select(a => a.Id));
        _programmes.AddRange(programmes.Select(p => p.Id));
        _foundations.AddRange(foundations.Select(f => f.Id));
        _owners.AddRange(owners.Select(o => o.Id));
        foreach (var (slug, org) in funds) _funds[slug] = org.Id;
        foreach (var publisher in organisations.Where(o => o.ListTitle is not null && o.AreaMunicipalities.Count > 0))
        {
            var area = publisher.AreaMunicipalities.Select(m => m.Code).ToArray();
            var isLag = publisher.Kind == OrganisationKind.LocalActionGroup;
            _publishers.Add(new Publisher(
                publisher.Id, publisher.Slug, isLag, _countyOf[area[0]], area,
                publisher.GoalAreas.Select(g => g.Id).ToArray(),
                publisher.GoalAreas.ToDictionary(g => g.Id, g => g.DirectionGoals.Select(d => d.Id).ToArray()),
                // Leader areas publish most projects, in proportion to how many municipalities they cover.
                isLag ? 6 * area.Length : 4));
        }
    }

    private Project NewProject(Batch b)
    {
        var publisher = PickWeighted(_publishers, p => p.Weight);
        var publisherOrg = b.Organisations[publisher.Id];
        var codes = ProjectMunicipalities(publisher);
        var home = b.Municipalities[codes[0]];
        var place = Pick(_places);
        var topic = Pick(Topics);
        var title = Title(topic, place, home.Name);
        var status = PickWeighted(StatusWeights, s => s.Weight).Status;
        var (start, end) = Period(status);
        var budget = Budget();
        var updated = Today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMinutes(-_rng.Next(0, 4 * 365 * 24 * 60));

        var owner = OwnerOf(publisher, codes, b);
        var project = new Project
        {
            Slug = UniqueSlug(title),
            Title = title,
            ShortName = Chance(0.08) ? Acronym(title) : null,
            Status = status,
            Publisher = publisherOrg,
            Owner = owner,
            SteeringGroup = Chance(0.25) ? $"Består av representanter för {Pick(Groups)}, {owner?.Name ?? publisherOrg.Name} och {b.Organisations[_municipalityOrg[codes[0]]].Name}." : null,
            Purpose = Chance(0.85) ? $"Syftet med projektet är att {Pick(Verbs)} {topic} i {place} och att {Pick(Verbs)} {Pick(Topics)} i {home.Name}." : null,
            Goal = Chance(0.75) ? $"Målet är att minst {_rng.Next(5, 200)} {Pick(Groups)} ska {string.Format(Swedish, Pick(Outcomes), topic)} före {(end ?? start)?.Year ?? 2027}." : null,
            SubGoals = Enumerable.Range(0, PickWeighted([35, 15, 20, 15, 10, 5])).Select(_ => SubGoal(topic)).ToList(),
            TargetGroups = TargetGroups.OrderBy(_ => _rng.Next()).Take(PickWeighted([30, 30, 25, 15])).ToList(),
            Description = Chance(0.8) ? Description(topic, place, home, owner?.Name ?? publisherOrg.Name) : null,
            Start = start,
            End = end,
            Budget = budget,
            FinancingNote = Chance(0.08) ? $"Den privata medfinansieringen består av ideellt arbete motsvarande {_rng.Next(2, 40) * 50} timmar." : null,
            CreatedAt = updated.AddDays(-_rng.Next(0, 700)),
            UpdatedAt = updated,
            IsPublished = Chance(0.98),
            DeletedAt = Chance(0.005) ? updated.AddDays(1) : null,
        };
        foreach (var code in codes) project.Municipalities.Add(b.Municipalities[code]);
        AddFinanciers(project, publisher, codes, owner, b);
        AddPartners(project, codes, topic, b);
        AddContacts(project, publisher, owner);
        AddLinks(project);
        AddHistory(project, start);
        if (publisher.IsLag && Chance(0.7))
            project.Identifiers.Add(new ProjectIdentifier { Registry = ExternalRegistry.Jordbruksverket, Value = $"{start?.Year ?? 2025}-{_rng.Next(1000, 9999)}" });
        else if (Chance(0.15))
            project.Identifiers.Add(new ProjectIdentifier { Registry = ExternalRegistry.Tillvaxtverket, Value = $"2020{_rng.Next(1000, 9999)}" });
        for (var i = PickWeighted([40, 40, 20]); i > 0; i--)
        {
            var located = Chance(0.3);
            project.Places.Add(new ProjectPlace
            {
                Name = i == 1 ? place : Pick(_places),
                Latitude = located ? home.Latitude + ((_rng.NextDouble() - 0.5) * 0.4) : null,
                Longitude = located ? home.Longitude + ((_rng.NextDouble() - 0.5) * 0.4) : null,
            });
        }
        if (publisher.GoalAreas.Length > 0)
        {
            var areas = publisher.GoalAreas.OrderBy(_ => _rng.Next()).Take(Chance(0.7) ? 1 : 2).ToList();
            foreach (var area in areas) project.GoalAreas.Add(b.GoalAreas[area]);
            var goals = areas.SelectMany(a => publisher.DirectionGoals[a]).OrderBy(_ => _rng.Next()).Take(_rng.Next(0, 3));
            foreach (var goal in goals) project.DirectionGoals.Add(b.DirectionGoals[goal]);
        }
        return project;
    }

    private string[] ProjectMunicipalities(Publisher publisher)
    {
        if (!publisher.IsLag)
        {
            var own = publisher.Area[0];
            var neighbours = _countyMunicipalities[publisher.CountyCode].Where(c => c != own).OrderBy(_ => _rng.Next());
            return [own, .. neighbours.Take(Chance(0.8) ? 0 : _rng.Next(1, 3))];
        }
        var count = Math.Min(publisher.Area.Length, PickWeighted([70, 20, 10]) + 1);
        return publisher.Area.OrderBy(_ => _rng.Next()).Take(count).ToArray();
    }

    private string Title(string topic, string place, string municipality) => _rng.Next(12) switch
    {
        0 => $"{Capitalise(topic)} i {place}",
        1 => $"Förstudie {topic} i {municipality}",
        2 => $"Förstudie om {Pick(Facilities)} i {place}",
        3 => $"Utveckling av {topic} i {municipality}",
        4 => $"{Pick(Catchwords)} {place}{(Chance(0.2) ? " 2.0" : "")}",
        5 => $"{Capitalise(Pick(Facilities))} i {place}",
        6 => $"Kompetenslyft för {Pick(Groups)} i {municipality}",
        7 => $"Framtidens {place}",
        8 => $"{Capitalise(topic)} för alla i {municipality}",
        9 => $"Samverkan kring {topic} i {place} och {Pick(_places)}",
        10 => $"Upprustning av {Pick(Facilities)} i {place}",
        _ => $"Nya vägar för {topic} – {place}",
    };

    private string UniqueSlug(string title)
    {
        var slug = Slugs.From(title);
        var candidate = slug;
        for (var n = 2; !_slugs.Add(candidate); n++) candidate = $"{slug}-{n}";
        return candidate;
    }

    private static readonly (ProjectStatus Status, int Weight)[] StatusWeights =
    [
        (ProjectStatus.UnderReview, 4), (ProjectStatus.AwaitingSjvDecision, 6), (ProjectStatus.Granted, 10),
        (ProjectStatus.Ongoing, 30), (ProjectStatus.FinalReportSubmitted, 12), (ProjectStatus.Closed, 38),
    ];

    private (PartialDate? Start, PartialDate? End) Period(ProjectStatus status)
    {
        var (fromYear, toYear) = status switch
        {
            ProjectStatus.Closed or ProjectStatus.FinalReportSubmitted => (2012, 2023),
            ProjectStatus.Ongoing => (2022, 2026),
            ProjectStatus.Granted => (2025, 2027),
            _ => (2026, 2027),
        };
        if (status is ProjectStatus.UnderReview or ProjectStatus.AwaitingSjvDecision && Chance(0.5)) return (null, null);
        var startYear = _rng.Next(fromYear, toYear + 1);
        var endYear = status == ProjectStatus.Ongoing
            ? Math.Max(Today.Year + 1, startYear + _rng.Next(1, 4))
            : startYear + _rng.Next(1, 4);
        if (status is ProjectStatus.Closed or ProjectStatus.FinalReportSubmitted) endYear = Math.Min(endYear, Today.Year - 1);
        endYear = Math.Max(endYear, startYear);
        var precision = _rng.Next(10);
        PartialDate Date(int year, bool first) => precision switch
        {
            < 2 => new PartialDate(year),
            < 5 => new PartialDate(year, first ? _rng.Next(1, 7) : _rng.Next(7, 13)),
            _ => first ? new PartialDate(year, _rng.Next(1, 7), _rng.Next(1, 29)) : new PartialDate(year, _rng.Next(7, 13), _rng.Next(1, 29)),
        };
        return (Date(startYear, true), Chance(0.9) ? Date(endYear, false) : null);
    }

    private Money? Budget()
    {
        if (Chance(0.05)) return null;
        return Chance(0.7)
            ? new Money(LogUniform(50_000, 20_000_000, 1_000) * 100, "SEK")
            : new Money(LogUniform(10_000, 2_500_000, 100) * 100, "EUR");
    }

    private long LogUniform(double min, double max, long roundTo)
    {
        var value = Math.Exp(Math.Log(min) + (_rng.NextDouble() * (Math.Log(max) - Math.Log(min))));
        return Math.Max(roundTo, (long)Math.Round(value / roundTo) * roundTo);
    }

    private Organisation? OwnerOf(Publisher publisher, string[] codes, Batch b) => _rng.Next(100) switch
    {
        < 60 => b.Organisations[Pick(_owners)],
        < 85 => b.Organisations[_municipalityOrg[codes[0]]],
        < 95 => b.Organisations[publisher.Id],
        < 97 => b.Organisations[_region[publisher.CountyCode]],
        _ => null,
    };

    private static readonly int[] FinancierCounts = [10, 15, 18, 15, 12, 9, 7, 5, 3, 2, 2, 2];

    private void AddFinanciers(Project project, Publisher publisher, string[] codes, Organisation? owner, Batch b)
    {
        var wanted = PickWeighted(FinancierCounts) + 1;
        var candidates = new List<int>();
        if (publisher.IsLag)
        {
            candidates.Add(Chance(0.85) ? _funds["ejflu"] : _funds[Pick(["eruf", "esf", "esf-plus", "ehfvf"])]);
            candidates.Add(Chance(0.5) ? _agencies[0] : _countyBoard[publisher.CountyCode]);
        }
        else
        {
            candidates.Add(publisher.Id);
            if (Chance(0.5)) candidates.Add(_funds[Pick(["eruf", "esf", "esf-plus"])]);
            if (Chance(0.4)) candidates.Add(_agencies[1]);
        }
        candidates.AddRange(codes.Select(c => _municipalityOrg[c]));
        candidates.Add(_region[publisher.CountyCode]);
        if (owner is { Kind: OrganisationKind.Association or OrganisationKind.Company }) candidates.Add(owner.Id);
        candidates.AddRange(_countyMunicipalities[publisher.CountyCode].OrderBy(_ => _rng.Next()).Take(3).Select(c => _municipalityOrg[c]));
        candidates.Add(Pick(_foundations));
        candidates.Add(_countyBoard[publisher.CountyCode]);
        candidates.Add(Pick(_agencies));
        candidates.Add(Pick(_programmes));
        candidates.AddRange(Enumerable.Range(0, 6).Select(_ => Pick(_foundations)));
        var chosen = candidates.Distinct().Take(wanted).ToList();

        var shares = chosen.Select(_ => _rng.NextDouble() + 0.2).ToArray();
        var sum = shares.Sum();
        var budget = project.Budget;
        for (var i = 0; i < chosen.Count; i++)
        {
            var org = b.Organisations[chosen[i]];
            project.Financiers.Add(new ProjectFinancier
            {
                Organisation = org,
                Amount = budget is not null && Chance(0.6)
                    ? new Money(Math.Max(100_000, (long)(budget.MinorUnits * shares[i] / sum / 100_000) * 100_000), budget.Currency)
                    : null,
                AccountingReference = org.Kind == OrganisationKind.Municipality && Chance(0.3) ? $"verksamhet {_rng.Next(100, 999)}, projekt {_rng.Next(1000, 9999)}" : null,
                Note = Chance(0.08) ? Pick(["Beviljat av LAG", "Medfinansiering i form av ideell tid", "Beslut väntas under hösten"]) : null,
                Position = i,
            });
        }
    }

    private void AddPartners(Project project, string[] codes, string topic, Batch b)
    {
        var count = PickWeighted([55, 25, 12, 8]);
        var chosen = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var id = Chance(0.7) ? Pick(_owners) : _municipalityOrg[Pick(codes)];
            if (!chosen.Add(id)) continue;
            project.Partners.Add(new ProjectPartner
            {
                Organisation = b.Organisations[id],
                Role = Chance(0.5) ? $"Genomför delprojektet om {topic}." : null,
                BudgetShare = project.Budget is { } budget && Chance(0.3) ? new Money(Math.Max(100_000, budget.MinorUnits / _rng.Next(3, 10) / 100_000 * 100_000), budget.Currency) : null,
                Position = project.Partners.Count,
            });
        }
    }

    private void AddContacts(Project project, Publisher publisher, Organisation? owner)
    {
        for (var i = Chance(0.8) ? 1 : 2; i > 0; i--)
        {
            if (Chance(0.1))
            {
                project.Contacts.Add(new ProjectContact { IsRoleMailbox = true, Role = "Leaderkontoret", Email = $"info@{publisher.Slug}.example.se", Position = project.Contacts.Count });
                continue;
            }
            var first = Pick(FirstNames);
            var last = Pick(Surnames);
            project.Contacts.Add(new ProjectContact
            {
                Name = $"{first} {last}",
                Role = Pick(ContactRoles),
                Organisation = owner?.Name,
                Phone = Chance(0.7) ? $"07{_rng.Next(0, 4)}-{_rng.Next(100, 999)} {_rng.Next(10, 99)} {_rng.Next(10, 99)}" : null,
                Email = Chance(0.7) ? $"{Slugs.From(first)}.{Slugs.From(last)}@example.se" : null,
                Position = project.Contacts.Count,
            });
        }
    }

    private void AddLinks(Project project)
    {
        if (Chance(0.5))
            project.Links.Add(new ProjectLink { Kind = LinkKind.ReadMore, Text = $"Läs mer om projektet {project.Title}", Url = Chance(0.8) ? $"https://www.example.se/projekt/{project.Slug}" : null, Position = 0 });
        if (project.IsClosed && Chance(0.4))
            project.Links.Add(new ProjectLink { Kind = LinkKind.FinalReport, Text = $"Slutrapport {project.Title}", Url = $"https://www.example.se/projekt/{project.Slug}/slutrapport.pdf", Position = project.Links.Count });
    }

    private static readonly ProjectStatus[] Lifecycle =
    [
        ProjectStatus.UnderReview, ProjectStatus.AwaitingSjvDecision, ProjectStatus.Granted, ProjectStatus.Ongoing,
        ProjectStatus.FinalReportSubmitted, ProjectStatus.Closed,
    ];

    private void AddHistory(Project project, PartialDate? start)
    {
        var last = Array.IndexOf(Lifecycle, project.Status);
        var first = Math.Max(0, last - _rng.Next(0, 3));
        var dated = Chance(0.6);
        var day = start?.Earliest.AddMonths(-3) ?? Today.AddMonths(-6);
        for (var i = first; i <= last; i++)
        {
            day = day.AddDays(_rng.Next(20, 400));
            project.StatusHistory.Add(new ProjectStatusChange { Status = Lifecycle[i], EffectiveOn = dated && day <= Today ? day : null });
        }
    }

    private string SubGoal(string topic) => _rng.Next(4) switch
    {
        0 => $"Att minst {_rng.Next(3, 60)} {Pick(Groups)} deltar i {Pick(Activities)}",
        1 => $"Att {topic} i området får {_rng.Next(2, 20)} nya aktörer",
        2 => $"Att antalet {Pick(Groups)} som besöker bygden ökar med {_rng.Next(5, 60)} %",
        _ => $"Att en plan för {Pick(Topics)} tas fram tillsammans med {Pick(Groups)}",
    };

    private string Description(string topic, string place, Municipality home, string ownerName)
    {
        var paragraphs = new List<string>();
        var count = Chance(0.03) ? _rng.Next(8, 16) : _rng.Next(1, 5);
        for (var p = 0; p < count; p++)
        {
            var sentences = Enumerable.Range(0, _rng.Next(2, 6)).Select(_ => _rng.Next(8) switch
            {
                0 => $"Projektet drivs av {ownerName} i samarbete med lokala {Pick(Groups)}.",
                1 => $"{place} har under flera år {Pick(Problems)}.",
                2 => $"Under projekttiden genomförs {Pick(Activities)}, {Pick(Activities)} och {Pick(Activities)}.",
                3 => $"Erfarenheterna ska spridas till andra bygder i {home.CountyName}.",
                4 => $"Projektet bygger vidare på en förstudie om {Pick(Topics)} som genomfördes {_rng.Next(2012, 2025)}.",
                5 => $"Arbetet sker i nära dialog med {Pick(Groups)} och {Pick(Groups)} i {home.Name}.",
                6 => $"En viktig del är att {Pick(Verbs)} {topic} på ett sätt som håller över tid.",
                _ => "Resultaten redovisas i en slutrapport som publiceras när projektet har avslutats.",
            });
            paragraphs.Add(string.Join(' ', sentences));
        }
        if (Chance(0.25))
            paragraphs.Add("## Aktiviteter\n\n" + string.Join('\n', Enumerable.Range(0, _rng.Next(3, 6)).Select(_ => "- " + Capitalise(Pick(Activities)))));
        return string.Join("\n\n", paragraphs);
    }

    /// <summary>Swedish municipality names take no genitive s after a vowel ("Malå kommun", "Storumans kommun").</summary>
    private static string MunicipalityGenitive(string name) =>
        "aeiouyåäö".Contains(char.ToLowerInvariant(name[^1]), StringComparison.Ordinal) ? name : SwedishGrammar.Genitive(name);

    /// <summary>"Västerbottens län" → "Västerbotten", "Skåne län" → "Skåne".</summary>
    private static string CountyShortName(string county)
    {
        var name = county.Replace(" län", "", StringComparison.Ordinal);
        return name.EndsWith('s') ? name[..^1] : name;
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Swedish) + text[1..];

    private static string Acronym(string title) =>
        string.Concat(title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).Take(5).Select(w => char.ToUpper(w[0], Swedish)));

    private bool Chance(double p) => _rng.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private int PickWeighted(int[] weights)
    {
        var r = _rng.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (r < weights[i]) return i;
            r -= weights[i];
        }
        return weights.Length - 1;
    }

    private T PickWeighted<T>(IReadOnlyList<T> items, Func<T, int> weight) =>
        items[PickWeighted(items.Select(weight).ToArray())];
}
