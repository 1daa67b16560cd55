using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Web.Pages.Statistics;

/// <summary>
/// The map of a filter's projects, as /statistik and the embedded map (/inbadda/karta) both draw it (_ProjectMap):
/// municipalities shaded by their number of projects, zoomed to the publisher's area or the chosen municipalities,
/// and the places of the most recently updated projects as markers.
/// </summary>
public sealed class ProjectMap
{
    /// <summary>Markers beyond this many would bury the map (and the page weight); the table says so.</summary>
    public const int MaxMarkers = 50;

    public MapView View { get; private init; } = null!;
    /// <summary>What a zoomed map shows ("Leader Polaris område"); null for the whole country.</summary>
    public string? FocusName { get; private init; }
    public IReadOnlyDictionary<string, string> MunicipalityNames { get; private init; } = new Dictionary<string, string>();
    public List<Marker> Markers { get; private init; } = [];
    /// <summary>Places with coordinates among all the filter's projects (the markers are the newest of them).</summary>
    public int PlacesWithCoordinates { get; private init; }
    public List<ShadeClass> Shades { get; private init; } = [];
    private IReadOnlyDictionary<string, int> _counts = new Dictionary<string, int>();

    public sealed record Marker(string Place, string Slug, string Title, ProjectStatus Status, Point At);

    /// <summary>One step of the map's shading: projects from <see cref="From"/> to <see cref="To"/> get class <see cref="Class"/>.</summary>
    public sealed record ShadeClass(int Class, int From, int To);

    /// <summary>The shading class of a municipality with <paramref name="count"/> projects: 0 for none.</summary>
    public int ShadeOf(int count) => count == 0 ? 0 : Shades.First(s => count <= s.To).Class;

    public int CountIn(string code) => _counts.GetValueOrDefault(code);

    /// <param name="projectsPerMunicipality">The filter's projects per kommunkod, from the search index's tally.</param>
    /// <param name="placesWithCoordinates">The tally's count of places with coordinates.</param>
    public static async Task<ProjectMap> LoadAsync(RegistryDbContext db, SwedenMap map, ProjectSearch search, DisplayNames displayNames,
        ProjectFilter filter, IReadOnlyDictionary<string, int> projectsPerMunicipality, int placesWithCoordinates, CancellationToken ct)
    {
        // Zoom to the publisher's area where one is chosen, else to the chosen municipalities.
        List<string> focus = [];
        string? focusName = null;
        if (filter.Organisation is not null)
        {
            var publisher = await db.Organisations.AsNoTracking().Where(o => o.Slug == filter.Organisation)
                .Select(o => new { o.Name, Area = o.AreaMunicipalities.Select(m => m.Code).ToList() })
                .FirstOrDefaultAsync(ct);
            if (publisher is { Area.Count: > 0 })
            {
                focus = publisher.Area;
                focusName = $"{Infrastructure.Text.SwedishGrammar.Genitive(publisher.Name)} område";
            }
        }
        if (focus.Count == 0 && filter.Municipalities.Count > 0)
        {
            focus = [.. filter.Municipalities];
            focusName = "de valda kommunerna";
        }
        var view = map.Draw(focus);
        // A code with the right form that is no municipality leaves nothing to zoom to.
        if (!view.IsZoomed) focusName = null;

        // The most recently updated projects with places on the map: at most one project per marker is needed.
        var newest = (await search.RunAsync(filter, new SearchRequest { Take = MaxMarkers, Sort = ProjectSort.Updated, WithPlaces = true }, ct)).Ids;
        var places = db.Projects.AsNoTracking().Where(p => newest.Contains(p.Id))
            .SelectMany(p => p.Places.Where(x => x.Latitude != null && x.Longitude != null),
                (p, x) => new { Place = x.Name, x.Latitude, x.Longitude, p.Slug, p.Title, p.Status, p.UpdatedAt });
        var located = (await places.OrderByDescending(x => x.UpdatedAt).ThenBy(x => x.Title).Take(MaxMarkers).ToListAsync(ct))
            .Select(x => SwedenMap.Locate(view, x.Latitude!.Value, x.Longitude!.Value) is { } at
                ? new Marker(x.Place, x.Slug, x.Title, x.Status, at) : null)
            .OfType<Marker>()
            .ToList();
        // Projects in the same village would hide each other: markers on one spot are set round it in a ring.
        var spread = view.IsZoomed ? 14.0 : 9.0;
        var markers = located.GroupBy(m => m.At).SelectMany(g => g.Count() == 1 ? g : g.Select((m, i) => m with
        {
            At = new Point(
                Math.Round(m.At.X + spread * Math.Cos(2 * Math.PI * i / g.Count()), 1),
                Math.Round(m.At.Y + spread * Math.Sin(2 * Math.PI * i / g.Count()), 1)),
        })).ToList();

        var max = projectsPerMunicipality.Count == 0 ? 0 : projectsPerMunicipality.Values.Max();
        return new ProjectMap
        {
            View = view,
            FocusName = focusName,
            MunicipalityNames = await displayNames.AllMunicipalitiesAsync(db, ct),
            Markers = markers,
            PlacesWithCoordinates = placesWithCoordinates,
            Shades = Enumerable.Range(1, 4)
                .Select(k => new ShadeClass(k, (int)Math.Floor(max * (k - 1) / 4.0) + 1, (int)Math.Floor(max * k / 4.0)))
                .Where(s => s.From <= s.To)
                .ToList(),
            _counts = projectsPerMunicipality,
        };
    }
}
