using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ProjectRegistry.Web.Infrastructure;

/// <summary>What a Leader office sets about its own site (appsettings section "Site").</summary>
public sealed partial class SiteOptions
{
    public const string Section = "Site";

    public string Name { get; set; } = "Projektregistret";

    /// <summary>The one accent colour, as #rrggbb. It must keep 4.5:1 contrast against white for links.</summary>
    public string AccentColor { get; set; } = "#00607a";

    /// <summary>Served as /theme.css so that the colour needs no inline style (the CSP forbids them).</summary>
    public static IResult ThemeCss(IOptions<SiteOptions> options)
    {
        var accent = HexColor().IsMatch(options.Value.AccentColor) ? options.Value.AccentColor : "#00607a";
        return Results.Text($":root {{ --accent: {accent}; }}\n", "text/css");
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
