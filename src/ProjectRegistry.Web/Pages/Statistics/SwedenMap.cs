using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;

namespace ProjectRegistry.Web.Pages.Statistics;

/// <summary>
/// Sweden's 290 municipalities, from the boundaries built into the app (seed-data/reference/kommungranser.geojson),
/// projected once at first use and drawn as SVG paths on the server: no tile server, no script. A view is either
/// the whole country or zoomed to a set of municipalities (a publisher's area); outlines are simplified to the
/// detail the view can show, so that the whole country stays a few kilobytes on the wire.
/// </summary>
public sealed class SwedenMap : IDisposable
{
    /// <summary>The longer side of every view, in SVG user units (about a pixel at desktop size).</summary>
    public const double Size = 800;

    /// <summary>Detail finer than this (in user units) is dropped: below what a screen shows.</summary>
    private const double Tolerance = 1.0;

    /// <summary>Islands smaller than this many square units vanish from a view (they stay in zoomed views).</summary>
    private const double MinRingArea = 4.0;

    private readonly Dictionary<string, Shape> _shapes;
    private readonly Bounds _all;
    /// <summary>
    /// Characters of path data the zoomed views kept may hold together (about 4 MB): every publisher's area and
    /// many more, while the combinations a ?kommun= filter can name (any of 290 municipalities, up to 50 at a
    /// time) only ever push out the views least recently drawn.
    /// </summary>
    internal const long MaxCachedPathData = 2_000_000;

    private readonly Lazy<MapView> _country;
    private readonly MemoryCache _views = new(new MemoryCacheOptions { SizeLimit = MaxCachedPathData, TrackStatistics = true });

    private SwedenMap(Dictionary<string, Shape> shapes)
    {
        _shapes = shapes;
        _all = shapes.Values.Select(s => s.Bounds).Aggregate(Bounds.Union);
        _country = new Lazy<MapView>(() => Render([]));
    }

    /// <summary>The path data held by the kept zoomed views, in characters.</summary>
    internal long CachedPathData => _views.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    public IReadOnlyCollection<string> Codes => _shapes.Keys;

    public static SwedenMap Load()
    {
        using var stream = typeof(SwedenMap).Assembly.GetManifestResourceStream("kommungranser.geojson")
            ?? throw new InvalidOperationException("Kommungränserna (kommungranser.geojson) saknas i programmet.");
        using var json = JsonDocument.Parse(stream);
        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var feature in json.RootElement.GetProperty("features").EnumerateArray())
        {
            var props = feature.GetProperty("properties");
            var code = props.GetProperty("id").GetString()!;
            var geometry = feature.GetProperty("geometry");
            var polygons = geometry.GetProperty("type").GetString() == "MultiPolygon"
                ? geometry.GetProperty("coordinates").EnumerateArray().ToList()
                : [geometry.GetProperty("coordinates")];
            var rings = polygons.SelectMany(p => p.EnumerateArray())
                .Select(ring => ring.EnumerateArray().Select(c => Project(c[1].GetDouble(), c[0].GetDouble())).ToArray())
                .ToList();
            shapes[code] = new Shape(code, rings, Bounds.Of(rings.SelectMany(r => r)));
        }
        return new SwedenMap(shapes);
    }

    /// <summary>
    /// Spherical transverse Mercator about 15° E, the central meridian of SWEREF 99 TM, the projection of
    /// Swedish official maps: the country keeps its familiar shape. Units are Earth radii; y grows southwards.
    /// </summary>
    public static Point Project(double latitude, double longitude)
    {
        var phi = latitude * Math.PI / 180;
        var lambda = (longitude - 15) * Math.PI / 180;
        var b = Math.Cos(phi) * Math.Sin(lambda);
        return new Point(Math.Atanh(b), -Math.Atan2(Math.Tan(phi), Math.Cos(lambda)));
    }

    /// <summary>
    /// The view of the whole country, or zoomed to <paramref name="focus"/> (kommunkoder) with its neighbours
    /// around it. Views are cached, the country's for good and the zoomed ones within <see cref="MaxCachedPathData"/>:
    /// the views asked for again and again are few (the country, each publisher's area).
    /// </summary>
    public MapView Draw(IReadOnlyCollection<string> focus)
    {
        var known = focus.Where(_shapes.ContainsKey).Distinct().Order(StringComparer.Ordinal).ToList();
        if (known.Count == 0) return _country.Value;
        var key = string.Join(',', known);
        if (_views.TryGetValue(key, out MapView? cached) && cached is not null) return cached;
        var view = Render(known);
        var size = key.Length + view.Areas.Sum(a => (long)a.PathData.Length);
        // Room made at once, the least recently drawn views first: over the limit the cache would refuse this
        // view and only compact later, in the background.
        if (CachedPathData + size > MaxCachedPathData) _views.Compact(0.25);
        _views.Set(key, view, new MemoryCacheEntryOptions { Size = size });
        return view;
    }

    private MapView Render(List<string> focus)
    {
        var frame = focus.Count == 0 ? _all : focus.Select(c => _shapes[c].Bounds).Aggregate(Bounds.Union);
        // Some room around a zoomed area, and never so close that one small municipality fills the view.
        if (focus.Count > 0)
        {
            var minSide = (_all.MaxY - _all.MinY) / 8;
            frame = frame.Grow(Math.Max(frame.Width, frame.Height) * 0.12).AtLeast(minSide);
        }
        var scale = Size / Math.Max(frame.Width, frame.Height);
        var width = Math.Ceiling(frame.Width * scale);
        var height = Math.Ceiling(frame.Height * scale);

        var areas = new List<MapArea>();
        foreach (var shape in _shapes.Values.Where(s => s.Bounds.Intersects(frame)))
        {
            var d = new StringBuilder();
            var drawn = 0;
            foreach (var ring in shape.Rings.OrderByDescending(r => Math.Abs(Area(r))))
            {
                var pts = ring.Select(p => new Point((p.X - frame.MinX) * scale, (p.Y - frame.MinY) * scale)).ToArray();
                // Tiny islands go, but a municipality never vanishes: its largest ring is always drawn.
                if (drawn > 0 && Math.Abs(Area(pts)) < MinRingArea) continue;
                if (AppendRing(d, Simplify(pts, Tolerance))) drawn++;
            }
            if (drawn > 0) areas.Add(new MapArea(shape.Code, d.ToString()));
        }
        return new MapView(width, height, areas, frame, scale, focus);
    }

    /// <summary>Where a place falls in a view, or null outside it.</summary>
    public static Point? Locate(MapView view, double latitude, double longitude)
    {
        var p = Project(latitude, longitude);
        var x = (p.X - view.Frame.MinX) * view.Scale;
        var y = (p.Y - view.Frame.MinY) * view.Scale;
        return x < 0 || y < 0 || x > view.Width || y > view.Height ? null : new Point(Math.Round(x, 1), Math.Round(y, 1));
    }

    /// <summary>Integer coordinates, relative moves: "M12 30l3-1 0 4z", the shortest path data SVG allows here.</summary>
    private static bool AppendRing(StringBuilder d, List<Point> pts)
    {
        var rounded = new List<(int X, int Y)>(pts.Count);
        foreach (var p in pts)
        {
            var r = ((int)Math.Round(p.X), (int)Math.Round(p.Y));
            if (rounded.Count == 0 || rounded[^1] != r) rounded.Add(r);
        }
        if (rounded.Count > 1 && rounded[0] == rounded[^1]) rounded.RemoveAt(rounded.Count - 1);
        if (rounded.Count < 3) return false;
        var inv = CultureInfo.InvariantCulture;
        d.Append(inv, $"M{rounded[0].X} {rounded[0].Y}l");
        for (var i = 1; i < rounded.Count; i++)
        {
            // A minus sign separates numbers on its own ("3-1"), so only a positive number needs a space.
            Number(rounded[i].X - rounded[i - 1].X, first: i == 1);
            Number(rounded[i].Y - rounded[i - 1].Y, first: false);
        }
        d.Append('z');
        return true;

        void Number(int n, bool first)
        {
            if (n >= 0 && !first) d.Append(' ');
            d.Append(n.ToString(inv));
        }
    }

    /// <summary>Douglas–Peucker, iterative so that a long coastline cannot overflow the stack.</summary>
    private static List<Point> Simplify(Point[] pts, double tolerance)
    {
        if (pts.Length < 4) return [.. pts];
        var keep = new bool[pts.Length];
        keep[0] = keep[^1] = true;
        var stack = new Stack<(int, int)>();
        stack.Push((0, pts.Length - 1));
        while (stack.Count > 0)
        {
            var (a, b) = stack.Pop();
            var (ax, ay, bx, by) = (pts[a].X, pts[a].Y, pts[b].X, pts[b].Y);
            var (dx, dy) = (bx - ax, by - ay);
            var length = Math.Sqrt(dx * dx + dy * dy);
            var best = -1.0;
            var index = -1;
            for (var i = a + 1; i < b; i++)
            {
                var dist = length > 0
                    ? Math.Abs(dy * (pts[i].X - ax) - dx * (pts[i].Y - ay)) / length
                    : Math.Sqrt(Math.Pow(pts[i].X - ax, 2) + Math.Pow(pts[i].Y - ay, 2));
                if (dist > best) (best, index) = (dist, i);
            }
            if (best <= tolerance) continue;
            keep[index] = true;
            stack.Push((a, index));
            stack.Push((index, b));
        }
        return pts.Where((_, i) => keep[i]).ToList();
    }

    private static double Area(Point[] ring)
    {
        var sum = 0.0;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
            sum += (ring[j].X * ring[i].Y) - (ring[i].X * ring[j].Y);
        return sum / 2;
    }

    private sealed record Shape(string Code, List<Point[]> Rings, Bounds Bounds);

    public void Dispose() => _views.Dispose();
}

public readonly record struct Point(double X, double Y);

public readonly record struct Bounds(double MinX, double MinY, double MaxX, double MaxY)
{
    public double Width => MaxX - MinX;
    public double Height => MaxY - MinY;

    public static Bounds Of(IEnumerable<Point> points)
    {
        var list = points.ToList();
        return new(list.Min(p => p.X), list.Min(p => p.Y), list.Max(p => p.X), list.Max(p => p.Y));
    }

    public static Bounds Union(Bounds a, Bounds b) =>
        new(Math.Min(a.MinX, b.MinX), Math.Min(a.MinY, b.MinY), Math.Max(a.MaxX, b.MaxX), Math.Max(a.MaxY, b.MaxY));

    public bool Intersects(Bounds o) => MinX <= o.MaxX && o.MinX <= MaxX && MinY <= o.MaxY && o.MinY <= MaxY;

    public Bounds Grow(double margin) => new(MinX - margin, MinY - margin, MaxX + margin, MaxY + margin);

    /// <summary>Widens the smaller sides to <paramref name="side"/>, keeping the centre.</summary>
    public Bounds AtLeast(double side)
    {
        var growX = Math.Max(0, (side - Width) / 2);
        var growY = Math.Max(0, (side - Height) / 2);
        return new(MinX - growX, MinY - growY, MaxX + growX, MaxY + growY);
    }
}

/// <summary>One municipality's outline in a view.</summary>
public sealed record MapArea(string Code, string PathData);

/// <summary>A drawn view: its size in user units, the outlines in it, and how to place a point in it.</summary>
public sealed record MapView(double Width, double Height, IReadOnlyList<MapArea> Areas, Bounds Frame, double Scale, IReadOnlyList<string> Focus)
{
    public bool IsZoomed => Focus.Count > 0;
}
