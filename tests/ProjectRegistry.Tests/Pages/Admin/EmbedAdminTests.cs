using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>
/// The admin's "Bädda in" page (/admin/inbadda), the embed settings of the organisation form, and the project card's
/// snippet on a project's admin page.
/// </summary>
[Collection(SeededApp.Name)]
public class EmbedAdminTests(RegistryAppFactory app)
{
    [Fact]
    public async Task The_embed_page_builds_the_snippet_from_a_GET_form_and_previews_the_embed_itself()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "leader-polaris");
        // A first visit starts from the editor's own list.
        var page = await editor.GetPageAsync("/admin/inbadda");
        Assert.Equal("leader-polaris", page.QuerySelector<IHtmlSelectElement>("select[name=organisation]")!.Value);

        var form = page.QuerySelector<IHtmlFormElement>("main form[method=get]")!;
        form.QuerySelector<IHtmlInputElement>("input[name=visa][value=karta]")!.IsChecked = true;
        form.QuerySelector<IHtmlInputElement>("input[name=status][value=beviljat]")!.IsChecked = true;
        form.QuerySelector<IHtmlInputElement>("input[name=ar]")!.Value = "2021";
        var built = await editor.SubmitAsync(form);

        const string path = "/inbadda/karta?status=beviljat&organisation=leader-polaris&ar=2021";
        var snippet = built.QuerySelector<IHtmlTextAreaElement>("textarea#kod")!.Value;
        var expected = $"<iframe src=\"http://localhost{path.Replace("&", "&amp;", StringComparison.Ordinal)}\" title=\"Karta över projekten\"";
        Assert.Equal(expected, snippet[..Math.Min(expected.Length, snippet.Length)]);
        Assert.Equal(path, built.QuerySelector("iframe.embed-preview")!.GetAttribute("src"));
        // The copy button is script's; hidden until the script shows it, so the page works without.
        Assert.NotNull(built.QuerySelector("button[data-copy=kod][hidden]"));
        Assert.Matches(@"^/js/copy-snippet(\.[a-z0-9]+)?\.js", built.QuerySelector("script")!.GetAttribute("src"));

        // The preview loads for the signed-in editor: the embed allows the registry's own origin to frame it for staff.
        using var preview = await editor.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("frame-ancestors 'self'", string.Join(';', preview.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_embed_page_may_run_the_sites_own_script()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "leader-polaris");
        using var embedPage = await editor.GetAsync(new Uri("/admin/inbadda", UriKind.Relative));
        using var other = await editor.GetAsync(new Uri("/admin", UriKind.Relative));
        Assert.Contains("script-src 'self'", string.Join(';', embedPage.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", string.Join(';', embedPage.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Contains("script-src 'none'", string.Join(';', other.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_organisation_form_refuses_bad_origins_with_a_message_per_line_and_keeps_what_was_typed()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var id = await app.InDbAsync(db => db.Organisations.Where(o => o.Slug == "leader-polaris").Select(o => o.Id).SingleAsync());
        var form = await FormPage.OpenAsync(admin, $"/admin/organisationer/{id}");
        const string typed = "https://www.leaderpolaris.se\nwww.gallivare.se\nhttp://www.jokkmokk.se/leader";

        var shown = await form.Type("Input.EmbedOrigins", typed).Type("Input.AccentColor", "#ffee00").StayAsync("Spara ändringarna");

        var lines = shown.Document.QuerySelectorAll("#Input_EmbedOrigins-error .field-error__line").Select(l => l.ReadableText()).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("Rad 2: ”www.gallivare.se” saknar https://", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Rad 3: ”http://www.jokkmokk.se/leader” börjar med http://", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Färgen #ffee00 har kontrasten", shown.FieldError("Input.AccentColor"), StringComparison.Ordinal);
        // The summary lists every message, each leading to its field.
        var summary = shown.Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(2, summary.Count(h => h == "#Input_EmbedOrigins"));
        Assert.Contains("#Input_AccentColor", summary);
        Assert.Equal(typed, shown.Value("Input.EmbedOrigins")?.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Empty(await app.InDbAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.EmbedOrigins).SingleAsync()));
    }

    [Fact]
    public async Task A_published_projects_admin_page_shows_its_card_snippet_and_preview()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var id = await app.InDbAsync(db => db.Projects.Where(p => p.Slug == "exportfokus").Select(p => p.Id).SingleAsync());
        var page = await editor.GetPageAsync($"/admin/projekt/{id}");

        Assert.Equal("/inbadda/projekt/exportfokus", page.QuerySelector("iframe.embed-preview")!.GetAttribute("src"));
        Assert.Contains("src=\"http://localhost/inbadda/projekt/exportfokus\"", page.QuerySelector<IHtmlTextAreaElement>("textarea#projektkort")!.Value, StringComparison.Ordinal);
    }
}
