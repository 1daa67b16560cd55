using Microsoft.AspNetCore.Mvc.ModelBinding;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;

namespace ProjectRegistry.Web.Data.Seeding;

/// <summary>
/// The importer's organisations and strategies: organisations.yaml and publicerare/*.yaml, checked by the rules of
/// the organisation and strategy forms (<see cref="OrganisationInput"/>, <see cref="IndicatorInput"/>).
/// </summary>
public sealed partial class SeedImporter
{
    /// <summary>
    /// The organisations of organisations.yaml, each checked by the admin form's rules (<see cref="OrganisationInput"/>)
    /// against the registry's organisations (<paramref name="registered"/>) and the file's rows above it, and reported
    /// with the file's own name for the field. A row for an organisation the registry has is checked as a change to it.
    /// </summary>
    private static Dictionary<string, Organisation> ReadOrganisations(
        string root, Dictionary<string, Municipality> municipalities, IReadOnlyDictionary<string, Organisation> registered)
    {
        const string file = "organisations.yaml";
        var rows = Load<List<OrganisationRow>>(root, file) ?? [];
        var result = new Dictionary<string, Organisation>(StringComparer.Ordinal);
        var lookups = new OrganisationLookups(municipalities.Values.ToList(),
            registered.Values.Select(o => new OrganisationLookups.Held(o.Id, o.Slug, o.Name, o.MunicipalityCode)).ToList(), 0);
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            var input = new OrganisationInput
            {
                Name = row.Namn, Slug = row.Slug, Kind = row.Typ, MunicipalityCode = row.Kommunkod,
                Country = row.Land, Description = row.Beskrivning, WebsiteUrl = row.Webbplats,
            };
            var errors = new ModelStateDictionary();
            var existing = registered.GetValueOrDefault(FieldRules.Clean(row.Slug)?.ToLowerInvariant() ?? "");
            if (input.Validate(errors, lookups, existing, prefix: "") is not { } parsed)
            {
                var key = OrganisationInput.FieldOrder.First(f => errors.TryGetValue(f, out var e) && e.Errors.Count > 0);
                throw new SeedDataException(file, $"[{i}].{OrganisationFileFields.GetValueOrDefault(key, key)}", errors[key]!.Errors[0].ErrorMessage);
            }
            var organisation = new Organisation { Slug = parsed.Slug, Name = parsed.Name };
            OrganisationInput.ApplyTo(organisation, parsed);
            result[parsed.Slug] = organisation;
            lookups.Organisations.Add(new OrganisationLookups.Held(0, parsed.Slug, parsed.Name, parsed.MunicipalityCode));
        }
        return result;
    }

    /// <summary>organisations.yaml's name for each field of <see cref="OrganisationInput"/> it has.</summary>
    private static readonly Dictionary<string, string> OrganisationFileFields = new()
    {
        [nameof(OrganisationInput.Name)] = "namn", [nameof(OrganisationInput.Slug)] = "slug", [nameof(OrganisationInput.Kind)] = "typ",
        [nameof(OrganisationInput.MunicipalityCode)] = "kommunkod", [nameof(OrganisationInput.Country)] = "land",
        [nameof(OrganisationInput.Description)] = "beskrivning", [nameof(OrganisationInput.WebsiteUrl)] = "webbplats",
    };

    /// <summary>indikatorer's name for each field of <see cref="IndicatorInput"/>.</summary>
    private static readonly Dictionary<string, string> IndicatorFileFields = new()
    {
        [nameof(IndicatorInput.Name)] = "namn", [nameof(IndicatorInput.Unit)] = "enhet", [nameof(IndicatorInput.Description)] = "beskrivning",
        [nameof(IndicatorInput.EuCode)] = "eu_kod", [nameof(IndicatorInput.Target)] = "malvarde", [nameof(IndicatorInput.GoalAreaId)] = "malomrade",
    };

    /// <summary>A publisher's goal by its name, as a project's file names it.</summary>
    private sealed record GoalKey(string PublisherSlug, string Name);

    /// <summary>The publishers' målområden and inriktningsmål, each kind by itself: an inriktningsmål may share its area's name.</summary>
    private sealed record Goals(Dictionary<GoalKey, GoalArea> Areas, Dictionary<GoalKey, DirectionGoal> DirectionGoals)
    {
        public Goals() : this([], []) { }
    }

    private static Goals ReadPublishers(
        string root, Dictionary<string, Organisation> organisations, Dictionary<string, Municipality> municipalities)
    {
        var goals = new Goals();
        foreach (var org in organisations.Values)
            foreach (var area in org.GoalAreas)
            {
                goals.Areas[new(org.Slug, area.Name)] = area;
                foreach (var goal in area.DirectionGoals) goals.DirectionGoals[new(org.Slug, goal.Name)] = goal;
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
            if (Clean(row.TimprisIdeellTid) is { } rateText)
            {
                var (amount, currency) = AmountAndCurrency(rateText);
                org.VolunteerHourRate = FieldRules.Money(amount, currency, out var rate) is { } wrong
                    ? throw new SeedDataException(file, "timpris_ideell_tid", wrong.Problem)
                    : rate;
            }
            foreach (var (code, i) in (row.Kommuner ?? []).Select((c, i) => (c, i)))
            {
                var municipality = municipalities.GetValueOrDefault(code)
                    ?? throw new SeedDataException(file, $"kommuner[{i}]", $"'{code}' är ingen svensk kommunkod.");
                if (!org.AreaMunicipalities.Contains(municipality)) org.AreaMunicipalities.Add(municipality);
            }
            // A publisher already in the registry keeps its goal areas; the file adds those it does not have yet.
            foreach (var (area, i) in (row.Lus ?? []).Select((a, i) => (a, i)))
            {
                var name = RequiredText(file, $"lus[{i}].malomrade", area.Malomrade, OrganisationTexts.GoalName);
                var goalArea = org.GoalAreas.FirstOrDefault(g => g.Name == name);
                if (goalArea is null)
                {
                    goalArea = new GoalArea { Name = name, Slug = Slugs.From(name), Position = org.GoalAreas.Count };
                    org.GoalAreas.Add(goalArea);
                }
                goals.Areas[new(org.Slug, name)] = goalArea;
                // The strategy's budget for the area, where the registry has none yet (staff may have set it since).
                if (Clean(area.Budget) is not null && goalArea.PlannedBudget is null)
                    goalArea.PlannedBudget = MoneyText(file, $"lus[{i}].budget", area.Budget);
                foreach (var (goalName, j) in (area.Inriktningsmal ?? []).Select((g, j) => (g, j)))
                {
                    var text = RequiredText(file, $"lus[{i}].inriktningsmal[{j}]", goalName, OrganisationTexts.GoalName);
                    var goal = goalArea.DirectionGoals.FirstOrDefault(d => d.Name == text);
                    if (goal is null)
                    {
                        goal = new DirectionGoal { Name = text, Position = goalArea.DirectionGoals.Count };
                        goalArea.DirectionGoals.Add(goal);
                    }
                    goals.DirectionGoals[new(org.Slug, goal.Name)] = goal;
                }
            }
            // Likewise the indicator catalogue: the file adds the indicators the publisher does not have yet, each
            // checked by the strategy page's rules (a name the file uses twice is refused, as the form refuses it).
            var registeredNames = org.Indicators.Select(x => x.Name).ToHashSet(StringComparer.Ordinal);
            var fileNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (row2, i) in (row.Indikatorer ?? []).Select((x, i) => (x, i)))
            {
                var at = $"indikatorer[{i}]";
                if (OrganisationTexts.IndicatorName.Clean(row2.Namn) is { } known && registeredNames.Contains(known)) continue;
                // The file names the målområde; the form chooses it from the strategy's list, so only that one is left to check.
                GoalArea? area = null;
                if (Clean(row2.Malomrade) is { } areaName)
                    area = org.GoalAreas.FirstOrDefault(g => g.Name == areaName)
                        ?? throw new SeedDataException(file, $"{at}.malomrade", $"'{areaName}' finns inte bland målområdena under lus.");
                var input = new IndicatorInput { Name = row2.Namn, Unit = row2.Enhet, Description = row2.Beskrivning, EuCode = row2.EuKod, Target = row2.Malvarde };
                var errors = new ModelStateDictionary();
                if (input.Validate(errors, fileNames, [], prefix: "") is not { } parsed)
                {
                    var key = IndicatorInput.FieldOrder.First(f => errors.TryGetValue(f, out var e) && e.Errors.Count > 0);
                    throw new SeedDataException(file, $"{at}.{IndicatorFileFields[key]}", errors[key]!.Errors[0].ErrorMessage);
                }
                fileNames.Add(parsed.Name);
                var indicator = new Indicator { Name = parsed.Name, Position = org.Indicators.Count };
                IndicatorInput.ApplyTo(indicator, parsed);
                indicator.GoalArea = area;
                org.Indicators.Add(indicator);
            }
        }
        return goals;
    }

    // organisations.yaml and publicerare/*.yaml, private to the importer.
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
        public string? TimprisIdeellTid { get; set; }
        public List<GoalAreaRow>? Lus { get; set; }
        public List<IndicatorRow>? Indikatorer { get; set; }
    }

    private sealed class IndicatorRow
    {
        public string? Namn { get; set; }
        public string? Enhet { get; set; }
        public string? Beskrivning { get; set; }
        public string? EuKod { get; set; }
        public string? Malvarde { get; set; }
        public string? Malomrade { get; set; }
    }

    private sealed class GoalAreaRow
    {
        public string? Malomrade { get; set; }
        public List<string>? Inriktningsmal { get; set; }
        public string? Budget { get; set; }
    }
}
