using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages.Embeds;

/// <summary>
/// The embeds (/inbadda/projekt, /inbadda/karta, /inbadda/projekt/{slug}): the same projects as /projekt, no site
/// chrome, links to the top window, and frame-ancestors of exactly the publisher's origins, kept in the organisation
/// form and evicted from the cache by its save. An app of its own: the tests change organisations' settings.
/// </summary>
public class EmbedsTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private readonly HttpClient _public = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    private const string PolarisOrigins = "https://www.leaderpolaris.se\nhttp://localhost:8080";

    [Theory]
    [InlineData("?organisation=leader-polaris")]
    [InlineData("?organisation=mala-kommun")]
    [InlineData("?kommun=2418")]
    [InlineData("?status=beviljat&status=pagaende")]
    [InlineData("?finansiar=eruf")]
    [InlineData("?ar=2021")]
    [InlineData("?sida=2")]
    [InlineData("")]
    public async Task The_embedded_list_shows_the_same_projects_as_the_project_list(string query)
    {
        var list = await _public.GetPageAsync("/projekt" + query);
        var embed = await _public.GetPageAsync("/inbadda/projekt" + query);

        var expected = Slugs(list);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Slugs(embed));
        Assert.Contains($"{list.QuerySelector("#result-heading")!.ReadableText().Split(' ')[0]} projekt", embed.QuerySelector(".embed__count")!.ReadableText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_embed_has_no_site_header_or_footer_opens_links_in_the_top_window_and_names_its_source()
    {
        var embed = await _public.GetPageAsync("/inbadda/projekt?organisation=leader-polaris");
        var all = await _public.GetPageAsync("/inbadda/projekt");

        Assert.Null(embed.QuerySelector(".site-header"));
        Assert.Null(embed.QuerySelector(".site-footer"));
        Assert.Null(embed.QuerySelector("script"));
        Assert.Equal("_top", embed.QuerySelector("head base")?.GetAttribute("target"));
        Assert.Equal("Beviljade projekt – Leader Polaris", embed.QuerySelector("h1")!.ReadableText());
        // Paging stays in the frame; the pages are /projekt's pages.
        var pages = all.QuerySelectorAll(".pager a");
        Assert.NotEmpty(pages);
        Assert.All(pages, a => Assert.Equal("_self", a.GetAttribute("target")));
        Assert.All(pages, a => Assert.StartsWith("/inbadda/projekt?sida=", a.GetAttribute("href"), StringComparison.Ordinal));
        // Every other link opens the registry (the base target): none says otherwise.
        Assert.All(embed.QuerySelectorAll("a[href]").Where(a => a.Closest(".pager") is null), a => Assert.Null(a.GetAttribute("target")));
        Assert.StartsWith("Källa: Projektregistret", embed.QuerySelector("footer.embed__source")!.ReadableText(), StringComparison.Ordinal);
        Assert.Equal("/inbadda/tema.css?organisation=leader-polaris", embed.QuerySelectorAll("link[rel=stylesheet]")[^1].GetAttribute("href"));
    }

    [Fact]
    public async Task The_embedded_map_is_the_statistics_map_of_the_filter()
    {
        var embed = await _public.GetPageAsync("/inbadda/karta?organisation=leader-polaris");
        var statistics = await _public.GetPageAsync("/statistik?organisation=leader-polaris");

        Assert.Null(embed.QuerySelector(".site-header"));
        var map = embed.QuerySelector("svg.map");
        Assert.NotNull(map);
        Assert.Equal(statistics.QuerySelector("svg.map")!.GetAttribute("viewBox"), map.GetAttribute("viewBox"));
        Assert.Equal(
            statistics.QuerySelectorAll("svg.map a").Select(a => a.GetAttribute("href") + a.ReadableText()),
            map.QuerySelectorAll("a").Select(a => a.GetAttribute("href") + a.ReadableText()));
        Assert.Equal("karta-rubrik", map.GetAttribute("aria-labelledby"));
        Assert.Equal("karta-rubrik", embed.QuerySelector("h1")!.Id);
    }

    [Fact]
    public async Task The_card_shows_the_EU_emblem_only_when_an_EU_fund_finances_the_project()
    {
        // Exportfokus is financed by ERUF (an EU fund); Leader Polaris's projects by the LAG and the region in the seed.
        var eu = await _public.GetPageAsync("/inbadda/projekt/exportfokus");
        var polarisSlug = Slugs(await _public.GetPageAsync("/projekt?organisation=leader-polaris"))[0];
        var notEu = await _public.GetPageAsync($"/inbadda/projekt/{polarisSlug}");
        var polarisFinanciers = await app.InDbAsync(db => db.Projects.Where(p => p.Slug == polarisSlug)
            .SelectMany(p => p.Financiers).Select(f => f.Organisation.Kind).ToListAsync());
        Assert.DoesNotContain(polarisFinanciers, k => k.IsEu());

        var emblem = eu.QuerySelector(".eu-emblem");
        Assert.NotNull(emblem);
        Assert.Equal("Medfinansieras av Europeiska unionen", emblem.QuerySelector("p")!.ReadableText());
        var flag = emblem.QuerySelector("svg[role=img]");
        Assert.NotNull(flag);
        Assert.Equal("Europeiska unionens flagga", eu.GetElementById(flag.GetAttribute("aria-labelledby")!)!.TextContent);
        Assert.Equal(12, flag.QuerySelectorAll("polygon").Length);
        Assert.Equal("#003399", flag.QuerySelector("rect")!.GetAttribute("fill"));
        Assert.Equal("/projekt/exportfokus", eu.QuerySelector(".embed__more a")!.GetAttribute("href"));
        Assert.NotNull(eu.QuerySelector("h1"));
        Assert.NotNull(eu.QuerySelector(".tag"));

        Assert.Null(notEu.QuerySelector(".eu-emblem"));
        Assert.DoesNotContain("Europeiska unionen", notEu.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_of_a_project_the_public_cannot_see_is_not_found()
    {
        using var response = await _public.GetAsync(new Uri("/inbadda/projekt/finns-inte", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(["'none'"], FrameAncestors(response));
    }

    [Fact]
    public async Task Embeds_may_be_framed_by_exactly_the_publishers_origins_and_every_other_page_by_none()
    {
        await SaveOrganisationAsync("leader-polaris", ("Input.EmbedOrigins", PolarisOrigins), ("Input.AccentColor", "#5a2d82"));
        var polarisProject = Slugs(await _public.GetPageAsync("/projekt?organisation=leader-polaris"))[0];
        string[] origins = ["https://www.leaderpolaris.se", "http://localhost:8080"];

        foreach (var url in new[] { "/inbadda/projekt?organisation=leader-polaris", "/inbadda/karta?organisation=leader-polaris&status=beviljat", $"/inbadda/projekt/{polarisProject}" })
        {
            using var response = await _public.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(origins, FrameAncestors(response));
            Assert.False(response.Headers.Contains("X-Frame-Options"), $"{url} skickar X-Frame-Options, som vägrar alla ramar.");
            // Still no script: framable, not scriptable.
            Assert.Contains("script-src 'none'", string.Join(';', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        }
        // Another publisher's embeds, the registry's own list (Site:EmbedOrigins is empty here) and every page of the site: nobody.
        foreach (var url in new[] { "/inbadda/projekt?organisation=mala-kommun", "/inbadda/projekt/exportfokus", "/inbadda/projekt", "/inbadda/karta",
                     "/projekt?organisation=leader-polaris", "/statistik?organisation=leader-polaris", $"/projekt/{polarisProject}", "/" })
        {
            using var response = await _public.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("https://www.leaderpolaris.se", FrameAncestors(response));
            if (!url.Contains("mala", StringComparison.Ordinal) && !url.Contains("exportfokus", StringComparison.Ordinal)) Assert.Equal(["'none'"], FrameAncestors(response));
            if (FrameAncestors(response) is ["'none'"]) Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
        }
        // The publisher's colour, in a stylesheet (the CSP allows no inline style).
        Assert.Contains("--accent: #5a2d82;", await _public.GetStringAsync(new Uri("/inbadda/tema.css?organisation=leader-polaris", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Contains("--accent: #00607a;", await _public.GetStringAsync(new Uri("/inbadda/tema.css?organisation=mala-kommun", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_staff_may_also_frame_an_embed_from_the_registry_itself_for_the_preview()
    {
        var staff = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var origins = await app.InDbAsync(db => db.Organisations.Where(o => o.Slug == "mala-kommun").Select(o => o.EmbedOrigins).SingleAsync());
        using var response = await staff.GetAsync(new Uri("/inbadda/projekt?organisation=mala-kommun", UriKind.Relative));
        Assert.Equal(["'self'", .. origins], FrameAncestors(response));
        // ...which the cache never hands to anyone else.
        using var anonymous = await _public.GetAsync(new Uri("/inbadda/projekt?organisation=mala-kommun", UriKind.Relative));
        Assert.DoesNotContain("'self'", FrameAncestors(anonymous));
    }

    [Fact]
    public async Task A_saved_organisation_or_project_reaches_a_cached_embed_at_the_next_request()
    {
        const string url = "/inbadda/projekt?organisation=mala-kommun";
        using (var first = await _public.GetAsync(new Uri(url, UriKind.Relative))) Assert.DoesNotContain("https://www.mala.se", FrameAncestors(first));
        var cardBefore = await _public.GetStringAsync(new Uri("/inbadda/projekt/exportfokus", UriKind.Relative));
        Assert.DoesNotContain("Exportfokus i norr", cardBefore, StringComparison.Ordinal);

        await SaveOrganisationAsync("mala-kommun", ("Input.EmbedOrigins", "https://www.mala.se"));
        using (var second = await _public.GetAsync(new Uri(url, UriKind.Relative))) Assert.Equal(["https://www.mala.se"], FrameAncestors(second));
        using (var card = await _public.GetAsync(new Uri("/inbadda/projekt/exportfokus", UriKind.Relative))) Assert.Equal(["https://www.mala.se"], FrameAncestors(card));

        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var id = await app.InDbAsync(db => db.Projects.Where(p => p.Slug == "exportfokus").Select(p => p.Id).SingleAsync());
        await ProjectSaves.SaveTitleAsync(editor, id, "Exportfokus i norr");
        Assert.Contains("Exportfokus i norr", WebUtility.HtmlDecode(await _public.GetStringAsync(new Uri("/inbadda/projekt/exportfokus", UriKind.Relative))), StringComparison.Ordinal);
        Assert.Contains("Exportfokus i norr", WebUtility.HtmlDecode(await _public.GetStringAsync(new Uri(url, UriKind.Relative))), StringComparison.Ordinal);
    }

    private async Task SaveOrganisationAsync(string slug, params (string Field, string Value)[] fields)
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var id = await app.InDbAsync(db => db.Organisations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync());
        var form = await FormPage.OpenAsync(admin, $"/admin/organisationer/{id}");
        foreach (var (field, value) in fields) form.Type(field, value);
        await form.SaveAsync("Spara ändringarna");
    }

    /// <summary>The listed projects' slugs, in order, from their links (/projekt/{slug}).</summary>
    private static List<string> Slugs(IDocument page) =>
        page.QuerySelectorAll(".project-card__title a").Select(a => a.GetAttribute("href")!["/projekt/".Length..]).ToList();

    private static string[] FrameAncestors(HttpResponseMessage response) =>
        string.Join(';', response.Headers.GetValues("Content-Security-Policy")).Split(';').Select(d => d.Trim())
            .First(d => d.StartsWith("frame-ancestors ", StringComparison.Ordinal))["frame-ancestors ".Length..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
