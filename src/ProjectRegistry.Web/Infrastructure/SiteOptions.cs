using Microsoft.Extensions.Options;

namespace ProjectRegistry.Web.Infrastructure;

/// <summary>What a Leader office sets about its own site (appsettings section "Site").</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    public string Name { get; set; } = "Projektregistret";

    /// <summary>The one accent colour, as #rrggbb. It must keep 4.5:1 contrast against white for links.</summary>
    public string AccentColor { get; set; } = "#00607a";

    /// <summary>
    /// The site's public address (https://projekt.leaderpolaris.se), the base of every absolute URL it writes:
    /// canonical links, JSON-LD, the sitemap, feeds, DCAT and the API. Without it the request's own scheme and
    /// host are used, which only the host filtering (AllowedHosts) keeps from being whatever a client sends. Links in
    /// mails are built from it alone (<see cref="Mail.Mailer.LinkBase"/>).
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// The address of whoever runs the site, for what is about the site itself rather than a project: feedback sent
    /// from the accessibility statement is mailed here (when SMTP is configured). Optional; the messages are in the
    /// admin's inbox either way.
    /// </summary>
    public string? ContactEmail { get; set; }

    /// <summary>PublicUrl when it is an https address, where a visit over plain http can be sent; otherwise null.</summary>
    public string? HttpsPublicUrl => PublicUrl?.Trim() is { } url && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url.TrimEnd('/') : null;

    /// <summary>The base of every absolute URL the site writes, without a trailing slash: the one place that decides it.</summary>
    public static string BaseUrl(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<IOptions<SiteOptions>>().Value.PublicUrl is { Length: > 0 } configured
            ? configured.Trim().TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>What is wrong with Site:PublicUrl, in the start's one Swedish sentence, or null when it is usable.</summary>
    public static string? PublicUrlProblem(IConfiguration configuration)
    {
        var value = configuration[$"{Section}:{nameof(PublicUrl)}"];
        if (string.IsNullOrWhiteSpace(value)) return null;
        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && uri.Host.Length > 0 && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0
            // The pages link from the root (/projekt), so the site cannot live under a path of the public address.
            && uri.AbsolutePath == "/"
            ? null
            : $"Site:PublicUrl ska vara webbplatsens hela adress med https:// (eller http://), utan sökväg och frågedel, till exempel https://projekt.leaderpolaris.se, inte \"{value}\".";
    }

    /// <summary>
    /// Outside Development, with mail on, an https Site:PublicUrl is required: it is the only base of the links in
    /// mails (<see cref="Mail.Mailer.LinkBase"/>), and without it they would point at the address the app listens on.
    /// The start's one Swedish sentence, or null.
    /// </summary>
    public static string? MailLinksProblem(IConfiguration configuration, IHostEnvironment environment)
    {
        var mail = new Mail.SmtpOptions { Host = configuration[$"{Mail.SmtpOptions.Section}:Host"], Sender = configuration[$"{Mail.SmtpOptions.Section}:Sender"] };
        if (environment.IsDevelopment() || !mail.IsConfigured) return null;
        return configuration[$"{Section}:{nameof(PublicUrl)}"]?.Trim() is { } url && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? null
            : "Site:PublicUrl behövs med https:// när e-post är inställd (Smtp:Host), eftersom länkarna i mejlen byggs av den och aldrig av besökarens Host: sätt till exempel Site__PublicUrl=https://projekt.leaderpolaris.se.";
    }

    /// <summary>
    /// Site:EmbedOrigins: the websites that may frame the registry's own embeds, those that name no publisher
    /// (/inbadda/projekt without ?organisation=). Empty by default: a list of everything is the registry's to show,
    /// and an office that wants one on its site names itself here. A publisher's embeds use its own list instead.
    /// </summary>
    public string[] EmbedOrigins { get; set; } = [];

    /// <summary>What is wrong with Site:EmbedOrigins, in the start's one Swedish sentence, or null.</summary>
    public static string? EmbedOriginsProblem(IConfiguration configuration)
    {
        var values = configuration.GetSection($"{Section}:{nameof(EmbedOrigins)}").GetChildren().Select(c => c.Value ?? "");
        var problems = Editing.FieldRules.EmbedOrigins(string.Join('\n', values), out _);
        return problems.Count == 0 ? null : $"Site:EmbedOrigins: {string.Join(" ", problems)}";
    }

    /// <summary>Served as /theme.css so that the colour needs no inline style (the CSP forbids them).</summary>
    public static IResult ThemeCss(IOptions<SiteOptions> options)
    {
        var accent = Editing.FieldRules.Colour(options.Value.AccentColor, out var colour) is null && colour is not null ? colour : "#00607a";
        return AccentCss(accent);
    }

    /// <summary>The stylesheet that sets the accent: the site's, or a publisher's in its embeds.</summary>
    public static IResult AccentCss(string accent) => Results.Text($":root {{ --accent: {accent}; }}\n", "text/css");
}
