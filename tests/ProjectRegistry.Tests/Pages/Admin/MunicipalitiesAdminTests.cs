using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>/admin/kommuner: how the registry uses each municipality. Read only, so the shared seeded app serves.</summary>
[Collection(SeededApp.Name)]
public class MunicipalitiesAdminTests(RegistryAppFactory app)
{
    private sealed record CsvMunicipality(string Code, string Name, string CountyCode, string CountyName);

    /// <summary>The reference file itself, read here rather than through the importer.</summary>
    private static readonly Lazy<List<CsvMunicipality>> Reference = new(() =>
        File.ReadLines(Path.Combine(SeedFiles.Root, "reference", "kommuner.csv")).Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split(','))
            .Select(f => new CsvMunicipality(f[0], f[1], f[2], f[3]))
            .ToList());

    [Theory]
    [InlineData("/admin/kommuner")]
    [InlineData("/admin/kommuner?lan=25&q=gallivare")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string url)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/logga-in", response.Headers.Location is { } l ? new Uri(new Uri("http://localhost"), l).AbsolutePath : null);
    }

    [Fact]
    public async Task Editors_are_refused()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        using var response = await editor.GetAsync(new Uri("/admin/kommuner", UriKind.Relative));
        Assert.True(
            response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/admin/ingen-behorighet", StringComparison.Ordinal) == true),
            $"Redaktören fick {(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task All_290_municipalities_are_listed_with_links_to_their_public_page_and_their_projects_in_the_admin()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var page = await admin.GetPageAsync("/admin/kommuner");

        var rows = Rows(page);
        Assert.Equal(290, Reference.Value.Count);
        Assert.Equal(Reference.Value.Select(m => m.Code).Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
        foreach (var m in Reference.Value)
        {
            var row = rows[m.Code];
            Assert.Equal(m.Name, row.QuerySelector("th")!.ReadableText());
            Assert.NotNull(row.QuerySelector($"a[href='/kommuner/{m.Code}']"));
            Assert.NotNull(row.QuerySelector($"a[href='/admin?kommun={m.Code}']"));
        }
        Assert.Contains("ändras inte här", page.QuerySelector("main .notice")!.ReadableText(), StringComparison.Ordinal);
        // No form that changes anything: the list is reference data.
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
    }

    [Fact]
    public async Task Filtering_by_county_lists_only_its_municipalities()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var page = await admin.GetPageAsync("/admin/kommuner");
        var form = page.QuerySelector<IHtmlFormElement>("main form[method=get]")!;
        var select = form.QuerySelector<IHtmlSelectElement>("select[name=lan]")!;
        Assert.Equal(21, select.Options.Count(o => o.Value.Length > 0));
        select.Value = "25";

        var filtered = await admin.SubmitAsync(form);

        var norrbotten = Reference.Value.Where(m => m.CountyCode == "25").Select(m => m.Code).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(14, norrbotten.Count);
        Assert.Equal(norrbotten, Rows(filtered).Keys.Order(StringComparer.Ordinal));
        Assert.Contains("14 av 290 kommuner", filtered.QuerySelector("main caption")!.ReadableText(), StringComparison.Ordinal);
        Assert.Equal("25", filtered.QuerySelector<IHtmlSelectElement>("select[name=lan]")!.Value);
    }

    [Theory]
    [InlineData("gallivare", "2523")]
    [InlineData("MALÅ", "2418")]
    [InlineData("2418", "2418")]
    public async Task Searching_finds_a_municipality_by_name_without_accents_or_by_kommunkod(string query, string code)
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var page = await admin.GetPageAsync($"/admin/kommuner?q={Uri.EscapeDataString(query)}");
        Assert.Equal([code], Rows(page).Keys);
    }

    [Fact]
    public async Task A_county_that_does_not_exist_shows_all_with_a_note()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var page = await admin.GetPageAsync("/admin/kommuner?lan=99");
        Assert.Equal(290, Rows(page).Count);
        Assert.Contains("länet finns inte", page.QuerySelector("main .notice--error")!.ReadableText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_municipality_shows_its_projects_the_organisation_that_is_it_and_the_publishers_whose_area_includes_it()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var page = await admin.GetPageAsync("/admin/kommuner?lan=24");

        var mala = Cells(Rows(page)["2418"]);
        var malaProjects = SeedFiles.Projects.Count(p => p.Municipalities.Contains("2418"));
        Assert.Equal([malaProjects.ToString(CultureInfo.InvariantCulture), malaProjects.ToString(CultureInfo.InvariantCulture)], mala[2..4]);
        Assert.Equal("Malå kommun", mala[4]);
        Assert.Equal("Malå kommun", mala[5]);
        var dorotea = Cells(Rows(page)["2425"]);
        Assert.Equal("Dorotea kommun", dorotea[4]);
        Assert.Equal("", dorotea[5]);

        page = await admin.GetPageAsync("/admin/kommuner?lan=25");
        var gallivare = Cells(Rows(page)["2523"]);
        Assert.Equal("Leader Polaris", gallivare[5]);
        Assert.Equal(SeedFiles.Projects.Count(p => p.Municipalities.Contains("2523")).ToString(CultureInfo.InvariantCulture), gallivare[2]);
    }

    [Fact]
    public async Task Projects_their_publisher_hides_count_among_all_but_not_among_the_public()
    {
        await using var own = new RegistryAppFactory();
        using (var scope = own.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var polaris = await db.Organisations.SingleAsync(o => o.Slug == "leader-polaris");
            polaris.HiddenStatuses = [ProjectStatus.UnderReview, ProjectStatus.AwaitingSjvDecision];
            await db.SaveChangesAsync();
        }
        var inGallivare = SeedFiles.Projects.Where(p => p.Municipalities.Contains("2523")).ToList();
        var shown = inGallivare.Count(p => p.Status is not ("under-handlaggning" or "vantar-pa-beslut"));
        Assert.NotEqual(inGallivare.Count, shown);

        var admin = await own.SignedInAsAsync(Roles.Admin);
        var page = await admin.GetPageAsync("/admin/kommuner?q=G%C3%A4llivare");

        Assert.Equal(
            [inGallivare.Count.ToString(CultureInfo.InvariantCulture), shown.ToString(CultureInfo.InvariantCulture)],
            Cells(Rows(page)["2523"])[2..4]);
    }

    private static Dictionary<string, IElement> Rows(IDocument page) =>
        page.QuerySelectorAll("main table tbody tr").ToDictionary(r => r.QuerySelectorAll("td")[0].ReadableText());

    /// <summary>The data cells: kommunkod, län, alla projekt, publika projekt, organisation, publicerare, sidor.</summary>
    private static List<string> Cells(IElement row) => row.QuerySelectorAll("td").Select(td => td.ReadableText()).ToList();
}
