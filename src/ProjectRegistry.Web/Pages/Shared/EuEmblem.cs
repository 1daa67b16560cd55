using System.Globalization;

namespace ProjectRegistry.Web.Pages.Shared;

/// <summary>
/// The EU emblem drawn from its official geometry (the EU's graphic specification of the European flag): a blue
/// rectangle one and a half times as wide as high; twelve gold five-pointed stars, one point up, standing as the
/// hours on a clock face on an invisible circle whose radius is a third of the height, about the centre; each
/// star's points on a circle of radius one eighteenth of the height. Reflex Blue #003399 and Yellow #FFCC00.
/// Inline SVG (_EuEmblem), so that an embed needs no image request and the emblem is named for a screen reader.
/// </summary>
public static class EuEmblem
{
    public const int Height = 540;
    public const int Width = Height * 3 / 2;
    public const string Blue = "#003399";
    public const string Yellow = "#ffcc00";

    /// <summary>The "points" of each star's polygon.</summary>
    public static readonly IReadOnlyList<string> Stars = Enumerable.Range(0, 12).Select(Star).ToList();

    private static string Star(int hour)
    {
        const double circle = Height / 3.0, outer = Height / 18.0;
        // A regular pentagram's inner corners lie at (3 - √5) / 2 of its outer radius.
        var inner = outer * (3 - Math.Sqrt(5)) / 2;
        var angle = hour * Math.PI / 6;
        var (cx, cy) = (Width / 2.0 + circle * Math.Sin(angle), Height / 2.0 - circle * Math.Cos(angle));
        return string.Join(' ', Enumerable.Range(0, 10).Select(i =>
        {
            var r = i % 2 == 0 ? outer : inner;
            var a = i * Math.PI / 5; // from straight up, clockwise
            return string.Create(CultureInfo.InvariantCulture, $"{cx + r * Math.Sin(a):0.#},{cy - r * Math.Cos(a):0.#}");
        }));
    }
}
