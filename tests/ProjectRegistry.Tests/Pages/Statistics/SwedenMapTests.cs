using ProjectRegistry.Web.Pages.Statistics;

namespace ProjectRegistry.Tests.Pages.Statistics;

/// <summary>
/// The map's kept views: the ?kommun= filter can name any combination of 290 municipalities (a random view is
/// about 20,000 characters of path data and 20 ms to draw), so junk combinations must neither grow the kept
/// views without bound nor push out for good the views readers ask for.
/// </summary>
public class SwedenMapTests
{
    private static void Flood(SwedenMap map, int views)
    {
        var codes = map.Codes.Order(StringComparer.Ordinal).ToArray();
        var random = new Random(11);
        for (var i = 0; i < views; i++) map.Draw(random.GetItems(codes, random.Next(2, 50)));
    }

    [Fact]
    public void Views_of_many_municipality_combinations_are_kept_within_a_bound()
    {
        using var map = SwedenMap.Load();

        Flood(map, 400);

        Assert.InRange(map.CachedPathData, 1, SwedenMap.MaxCachedPathData);
    }

    [Fact]
    public void A_view_asked_for_after_a_flood_of_combinations_is_kept_again()
    {
        using var map = SwedenMap.Load();
        Flood(map, 300);

        string[] area = ["2418", "2510", "2506"];

        Assert.Same(map.Draw(area), map.Draw(area));
        Assert.Same(map.Draw([]), map.Draw([]));
    }
}
