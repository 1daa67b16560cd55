using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProjectRegistry.Tests.TestSupport;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProjectRegistry.BrowserTests.Deployed;

/// <summary>
/// The site as a server runs it, in Chromium with its own Accept-Encoding: every page loads whole (no console error,
/// no failed request, no stylesheet, script, image or font answered empty, without a type or with an error), the
/// stylesheets apply, and the project form's script keeps what was typed. Run in Production from a checkout, every
/// asset was once 200 with an empty body to any browser, and the tests on the test host could not see it.
/// </summary>
public abstract partial class DeployedAppTests(DeployedApp app, ITestOutputHelper output)
{
    private static readonly string[] AssetTypes = ["stylesheet", "script", "image", "font"];

    [DeployedFact]
    public async Task Every_public_page_and_embed_loads_whole_with_the_stylesheet_applied()
    {
        var problems = new ConcurrentQueue<string>();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/projekt");
        var slug = await FirstLinkAsync(page, ProjectLink());
        await page.GotoAsync("/organisationer");
        var organisation = await FirstLinkAsync(page, OrganisationLink());
        await page.GotoAsync("/kommuner");
        var municipality = await FirstLinkAsync(page, MunicipalityLink());
        var publisher = SeedFiles.Projects.Single(p => p.Slug == slug).Publisher;

        string[] pages =
        [
            "/", "/projekt", $"/projekt/{slug}", "/organisationer", $"/organisationer/{organisation}", "/kommuner",
            $"/kommuner/{municipality}", "/statistik", "/om", "/tillganglighet",
            $"/inbadda/projekt?organisation={publisher}", $"/inbadda/projekt/{slug}",
        ];
        var icons = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        foreach (var path in pages) await LoadWholeAsync(path, storageState: null, problems, icons);
        await IconsAreWholeAsync(icons.Keys, storageState: null, problems);

        Assert.True(problems.IsEmpty, $"{app.Mode}: {problems.Count} fel på de publika sidorna:\n{string.Join("\n", problems)}\n--- serverns utskrift ---\n{app.Output}");
    }

    [DeployedFact]
    public async Task Every_main_admin_page_loads_whole_with_the_stylesheet_applied()
    {
        var problems = new ConcurrentQueue<string>();
        var signedIn = await app.SignedInStateAsync();
        await using var context = await app.NewContextAsync(storageState: signedIn);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin");
        var project = await FirstLinkAsync(page, AdminProjectLink());
        await page.GotoAsync("/admin/organisationer");
        var organisation = await FirstLinkAsync(page, AdminOrganisationLink());

        string[] pages =
        [
            "/admin", "/admin/projekt", $"/admin/projekt/{project}", $"/admin/projekt/{project}/historik",
            $"/admin/projekt/{project}/filer", "/admin/organisationer", $"/admin/organisationer/{organisation}",
            $"/admin/organisationer/{organisation}/lus", "/admin/kommuner", "/admin/konton", "/admin/import",
            "/admin/inbadda", "/admin/granskningslogg", "/admin/sidor", "/admin/synpunkter", "/admin/papperskorg",
            "/admin/mitt-konto",
        ];
        var icons = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        foreach (var path in pages) await LoadWholeAsync(path, signedIn, problems, icons);
        await IconsAreWholeAsync(icons.Keys, signedIn, problems);

        Assert.True(problems.IsEmpty, $"{app.Mode}: {problems.Count} fel på redigeringssidorna:\n{string.Join("\n", problems)}\n--- serverns utskrift ---\n{app.Output}");
    }

    [DeployedFact]
    public async Task Text_typed_in_a_project_form_is_there_again_after_leaving_by_the_menu_and_coming_back()
    {
        await using var context = await app.NewContextAsync(storageState: await app.SignedInStateAsync());
        var page = await context.NewPageAsync();
        var asked = false;
        page.Dialog += async (_, dialog) =>
        {
            asked |= dialog.Type == "beforeunload";
            await dialog.AcceptAsync();
        };
        await page.GotoAsync("/admin");
        var form = $"/admin/projekt/{await FirstLinkAsync(page, AdminProjectLink())}";
        try
        {
            await page.GotoAsync(form);
            var purpose = page.GetByLabel("Syfte", new() { Exact = true });
            var typed = $" Skrivet i drifttestet {Guid.NewGuid().ToString("N")[..8]}.";
            var expected = await purpose.InputValueAsync() + typed;
            await purpose.ClickAsync();
            await page.Keyboard.PressAsync("Control+End");
            await page.Keyboard.TypeAsync(typed);

            await page.GetByRole(AriaRole.Navigation, new() { Name = "Redigeringsmeny" }).GetByRole(AriaRole.Link, new() { Name = "Projekt", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
            Assert.True(asked, $"{app.Mode}: sidan frågade inte innan formuläret med osparade ändringar lämnades (körde formulärets skript?).");

            // The draft was sent as the page was left; it may take a moment to arrive.
            var offer = page.GetByRole(AriaRole.Button, new() { Name = "Fortsätt där du slutade" });
            await page.GotoAsync(form);
            for (var attempt = 0; attempt < 10 && !await offer.IsVisibleAsync(); attempt++)
            {
                await page.WaitForTimeoutAsync(300);
                await page.GotoAsync(form);
            }
            await offer.ClickAsync();

            await Expect(page.GetByLabel("Syfte", new() { Exact = true })).ToHaveValueAsync(expected);
        }
        finally
        {
            // The draft goes again; the saved project was never changed.
            await page.GotoAsync(form);
            var discard = page.GetByRole(AriaRole.Button, new() { Name = "Släng utkastet" });
            if (await discard.IsVisibleAsync()) await discard.ClickAsync();
            await Expect(page.Locator("section.draft-offer")).ToHaveCountAsync(0);
        }
    }

    [DeployedFact]
    public async Task The_home_page_and_the_project_form_fit_desktop_and_phone_width_and_are_photographed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "projektregistret-deployed-screenshots");
        Directory.CreateDirectory(folder);
        var signedIn = await app.SignedInStateAsync();
        foreach (var viewport in new[] { BrowserFixture.Desktop, BrowserFixture.Phone })
        {
            await using var context = await app.NewContextAsync(viewport, signedIn);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });
            var home = Path.Combine(folder, $"{app.Mode}-hem-{viewport.Width}.png");
            await page.ScreenshotAsync(new() { Path = home, FullPage = true });
            await FitsAsync(page, viewport, "/");

            await page.GotoAsync("/admin");
            await page.GotoAsync($"/admin/projekt/{await FirstLinkAsync(page, AdminProjectLink())}", new() { WaitUntil = WaitUntilState.NetworkIdle });
            var form = Path.Combine(folder, $"{app.Mode}-projektformular-{viewport.Width}.png");
            // What a person sees on opening it: in a whole-page picture the sticky save bar lands mid-form.
            await page.ScreenshotAsync(new() { Path = form });
            await FitsAsync(page, viewport, "projektformuläret");
            output.WriteLine($"Skärmbilder: {home}\n             {form}");
        }
    }

    /// <summary>No sideways scrolling: an unstyled page, or a layout that does not fold, is wider than the screen.</summary>
    private async Task FitsAsync(IPage page, ViewportSize viewport, string what)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= viewport.Width, $"{app.Mode}: {what} är {width} px bred i ett fönster på {viewport.Width} px.");
    }

    /// <summary>
    /// Opens <paramref name="path"/> in a context of its own (nothing cached) and notes every console error, script
    /// error and failed request, every asset that is not whole, and a stylesheet that did not apply; the page's own
    /// icon links go to <paramref name="icons"/>.
    /// </summary>
    private async Task LoadWholeAsync(string path, string? storageState, ConcurrentQueue<string> problems, ConcurrentDictionary<string, byte> icons)
    {
        await using var context = await app.NewContextAsync(storageState: storageState);
        var page = await context.NewPageAsync();
        var checks = new ConcurrentBag<Task>();
        var assets = new ConcurrentBag<string>();
        var iconGuessed = false;
        page.Console += (_, message) =>
        {
            if (message.Type != "error") return;
            // A page that names no icon (the embeds, made for another site's frame) gets Chromium's own guess,
            // /favicon.ico, which the site does not have: the browser's request, not the page's; checked below.
            if (Uri.TryCreate(ConsoleSource().Replace(message.Location, ""), UriKind.Absolute, out var source) && source.AbsolutePath == "/favicon.ico") iconGuessed = true;
            else problems.Enqueue($"{path}: konsolfel: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => problems.Enqueue($"{path}: skriptfel: {error}");
        page.RequestFailed += (_, request) => problems.Enqueue($"{path}: {request.Url} misslyckades: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (!AssetTypes.Contains(response.Request.ResourceType)) return;
            assets.Add(response.Url);
            checks.Add(AssetIsWholeAsync(path, response, problems));
        };

        // The load event comes after every stylesheet, script and image of the page (and the fonts its stylesheets
        // use) has arrived or failed. (Waiting for the network to be idle instead cost half a second a page.)
        var document = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
        if (document?.Status != 200) problems.Enqueue($"{path}: svarade {document?.Status}");
        await Task.WhenAll(checks);

        var ownIcons = await page.Locator("link[rel~=icon]").EvaluateAllAsync<string[]>("links => links.map(l => l.getAttribute('href'))");
        foreach (var icon in ownIcons) icons.TryAdd(icon, 0);
        if (iconGuessed && ownIcons.Length > 0)
            problems.Enqueue($"{path}: /favicon.ico hämtades fast sidan anger en ikon");
        if (!assets.Any(url => new Uri(url).AbsolutePath.StartsWith("/css/site.", StringComparison.Ordinal)))
            problems.Enqueue($"{path}: inget helt svar med site.css (svar: {string.Join(", ", assets)})");
        await StylesheetAppliedAsync(path, page, problems);
    }

    private static async Task AssetIsWholeAsync(string path, IResponse response, ConcurrentQueue<string> problems)
    {
        var headers = await response.AllHeadersAsync();
        var body = await response.BodyAsync();
        if (response.Status is < 200 or > 299 || body.Length == 0 || !headers.TryGetValue("content-type", out var type) || type.Length == 0)
        {
            problems.Enqueue($"{path}: {response.Request.ResourceType} {response.Url}: {response.Status}, {body.Length} byte, "
                + $"Content-Type {(headers.TryGetValue("content-type", out var t) ? t : "saknas")}, Content-Encoding {(headers.TryGetValue("content-encoding", out var e) ? e : "ingen")}");
        }
    }

    /// <summary>
    /// The icon is fetched by the browser only when it shows a tab: each icon the pages link to is opened in Chromium
    /// the same way, and must be whole.
    /// </summary>
    private async Task IconsAreWholeAsync(ICollection<string> icons, string? storageState, ConcurrentQueue<string> problems)
    {
        await using var context = await app.NewContextAsync(storageState: storageState);
        var page = await context.NewPageAsync();
        if (icons.Count == 0) problems.Enqueue("ingen sida har en ikon (link rel=icon)");
        foreach (var icon in icons)
        {
            var response = await page.GotoAsync(icon);
            var body = response is null ? [] : await response.BodyAsync();
            var type = response is null ? null : await response.HeaderValueAsync("content-type");
            if (response?.Status != 200 || body.Length == 0 || string.IsNullOrEmpty(type))
                problems.Enqueue($"ikonen {icon}: {response?.Status}, {body.Length} byte, Content-Type {type ?? "saknas"}");
        }
    }

    /// <summary>The page's computed style against what site.css (and embed.css in an embed) itself says, read from the source.</summary>
    private static async Task StylesheetAppliedAsync(string path, IPage page, ConcurrentQueue<string> problems)
    {
        var style = await page.EvaluateAsync<string[]>("""
            () => {
                const body = getComputedStyle(document.body);
                return [body.marginTop, body.color, body.fontSize, getComputedStyle(document.documentElement).getPropertyValue('--measure').trim()];
            }
            """);
        // The browser's default is a margin of 8px, black text and no --measure.
        var expected = new[] { "0px", Css.TextColour, style[2], Css.Measure };
        if (path.StartsWith("/inbadda/", StringComparison.Ordinal)) expected[2] = Css.EmbedFontSize;
        if (!style.SequenceEqual(expected))
            problems.Enqueue($"{path}: stilmallen gäller inte: body margin, color, font-size, --measure är [{string.Join(", ", style)}], css-filerna säger [{string.Join(", ", expected)}]");
    }

    private static async Task<string> FirstLinkAsync(IPage page, Regex link)
    {
        foreach (var anchor in await page.Locator("main a[href]").AllAsync())
        {
            if (link.Match(await anchor.GetAttributeAsync("href") ?? "") is { Success: true } match) return match.Groups[1].Value;
        }
        Assert.Fail($"Ingen länk som {link} på {page.Url}.");
        return "";
    }

    /// <summary>The line and column after the URL in a console message's location ("URL:line:column").</summary>
    [GeneratedRegex(":[0-9]+:[0-9]+$")]
    private static partial Regex ConsoleSource();

    [GeneratedRegex("^/projekt/([^/?#]+)$")]
    private static partial Regex ProjectLink();

    [GeneratedRegex("^/organisationer/([^/?#]+)$")]
    private static partial Regex OrganisationLink();

    [GeneratedRegex("^/kommuner/([0-9]{4})$")]
    private static partial Regex MunicipalityLink();

    [GeneratedRegex("^/admin/projekt/([0-9]+)$")]
    private static partial Regex AdminProjectLink();

    [GeneratedRegex("^/admin/organisationer/([0-9]+)$")]
    private static partial Regex AdminOrganisationLink();

    /// <summary>What the stylesheets in the source say, so that the expected style does not come from the served files.</summary>
    private static class Css
    {
        private static readonly string Root = Path.Combine(DeployedApp.RepositoryRoot, "src", "ProjectRegistry.Web", "wwwroot", "css");
        private static readonly string Site = File.ReadAllText(Path.Combine(Root, "site.css"));
        private static readonly string Embed = File.ReadAllText(Path.Combine(Root, "embed.css"));

        public static string TextColour { get; } = Rgb(Find(Site, @"--text:\s*#([0-9a-fA-F]{6})\s*;"));

        public static string Measure { get; } = Find(Site, @"--measure:\s*([^;]+?)\s*;");

        /// <summary>In px, as the browser computes it (rem of the default 16px).</summary>
        public static string EmbedFontSize { get; } =
            string.Create(CultureInfo.InvariantCulture, $"{double.Parse(Find(Embed, @"body\.embed\s*\{\s*font-size:\s*([0-9.]+)rem"), CultureInfo.InvariantCulture) * 16}px");

        private static string Find(string css, string pattern) =>
            Regex.Match(css, pattern) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"{pattern} finns inte i stilmallen.");

        private static string Rgb(string hex) =>
            $"rgb({Convert.ToInt32(hex[..2], 16)}, {Convert.ToInt32(hex[2..4], 16)}, {Convert.ToInt32(hex[4..], 16)})";
    }
}

/// <summary>From the README's <c>dotnet publish</c> output.</summary>
[Collection(DeployedApps.Name)]
public sealed class PublishedAppTests(PublishedApp app, ITestOutputHelper output) : DeployedAppTests(app, output), IClassFixture<PublishedApp>;

/// <summary>With the README's <c>dotnet run --no-launch-profile</c> in the checkout.</summary>
[Collection(DeployedApps.Name)]
public sealed class CheckoutAppTests(CheckoutApp app, ITestOutputHelper output) : DeployedAppTests(app, output), IClassFixture<CheckoutApp>;

/// <summary>
/// The README's <c>dotnet run</c> (Development, plain http): the same pages whole and styled, and what only the local
/// trial does, which every other test runs without.
/// </summary>
[Collection(DeployedApps.Name)]
public sealed class DevelopmentAppTests(DevelopmentApp app, ITestOutputHelper output) : DeployedAppTests(app, output), IClassFixture<DevelopmentApp>
{
    private readonly DevelopmentApp _app = app;

    [DeployedFact]
    public async Task The_local_trial_signs_staff_in_over_plain_http_with_cookies_a_browser_keeps_there_and_sends_no_HSTS()
    {
        Assert.Equal(Uri.UriSchemeHttp, _app.BaseAddress.Scheme);
        await using var context = await _app.NewContextAsync();
        var page = await context.NewPageAsync();
        var home = await page.GotoAsync("/");
        Assert.Null(await home!.HeaderValueAsync("strict-transport-security"));

        await page.SignInAsync(DeployedApp.AdminEmail);

        // Outside Development the cookies are Secure with the __Host- prefix, which a browser refuses over http.
        var cookies = await context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "registret.staff" && !c.Secure);
    }
}

/// <summary>
/// The three ways one after another: each builds or publishes the same web project (a publish for linux-x64 restores it
/// anew), and two at once would write the same obj/ folder. (The browser collections run one after another anyway:
/// side by side on two cores they took as long, 13 min 16 s against 11 min 11 s, and slowed the integration tests.)
/// </summary>
[CollectionDefinition(Name)]
public sealed class DeployedApps
{
    public const string Name = "Deployed";
}
