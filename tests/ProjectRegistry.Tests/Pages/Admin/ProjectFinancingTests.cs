using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.OpenData;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>
/// Financing by kind, as a Leader office states it: the grant, public co-financing, private cash, volunteer time
/// (hours × the LAG's rate) and donated resources, typed into the project form and read back on the project page,
/// in the API and in the CSV. The expected sums are worked out here from the typed values.
/// </summary>
public class ProjectFinancingTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private const string NewProject = "/admin/projekt/ny";
    private readonly HttpClient _public = app.CreateClient();

    private static string Name(string slug) => SeedDocuments.OrganisationName(slug);

    [Fact]
    public async Task Every_kind_of_financing_including_volunteer_hours_is_summed_per_kind_with_the_support_rate()
    {
        await SetVolunteerRateAsync("leader-polaris", 22_000);
        var editor = await app.SignedInAsAsync(Roles.Editor, "leader-polaris");
        var (title, word) = NewTitle("Bygdegård");
        var form = await FormPage.OpenAsync(editor, NewProject);
        for (var i = 0; i < 6; i++) form = await form.StayAsync("Lägg till finansiär");
        form.Type("Input.Title", title).Choose("Input.Status", "Pågående").Type("Input.Municipalities", "Gällivare")
            // The Leader office's grant: its kind follows from the organisation being a LAG.
            .Choose("Input.Financiers[0].OrganisationId", Name("leader-polaris")).Type("Input.Financiers[0].Amount", "600 000").Choose("Input.Financiers[0].Currency", "SEK")
            .Choose("Input.Financiers[1].OrganisationId", Name("region-vasterbotten")).Type("Input.Financiers[1].Amount", "150 000").Choose("Input.Financiers[1].Currency", "SEK")
            .Choose("Input.Financiers[2].OrganisationId", Name("storumans-kommunforetag")).Choose("Input.Financiers[2].Contribution", "Privat medfinansiering, kontant")
            .Type("Input.Financiers[2].Amount", "40 000").Choose("Input.Financiers[2].Currency", "SEK")
            // 120 hours at the publisher's 220 kr.
            .Choose("Input.Financiers[3].OrganisationId", Name("gold-of-lapland")).Choose("Input.Financiers[3].Contribution", "Ideell tid").Type("Input.Financiers[3].Hours", "120")
            // 12,5 hours at the row's own 340 kr.
            .Choose("Input.Financiers[4].OrganisationId", Name("visit-hemavan-tarnaby")).Choose("Input.Financiers[4].Contribution", "Ideell tid").Type("Input.Financiers[4].Hours", "12,5")
            .Type("Input.Financiers[4].Rate", "340").Choose("Input.Financiers[4].Currency", "SEK")
            .Choose("Input.Financiers[5].OrganisationId", Name("helgeland-reiseliv")).Choose("Input.Financiers[5].Contribution", "Ideell resurs (varor, lokaler)")
            .Type("Input.Financiers[5].Amount", "10 000").Choose("Input.Financiers[5].Currency", "SEK");
        await form.SaveAsync("Spara och publicera");

        const decimal grant = 600_000, @public = 150_000, cash = 40_000, volunteer = 120 * 220m + 12.5m * 340m, donated = 10_000;
        const decimal @private = cash + volunteer + donated, total = grant + @public + @private;
        var slug = await InDbAsync(db => db.Projects.Where(p => p.Title == title).Select(p => p.Slug).SingleAsync());

        var page = await _public.GetPageAsync($"/projekt/{slug}");
        var summary = page.QuerySelector("table.financing")!;
        string Row(string label) => SwedishText.Normalise(summary.QuerySelectorAll("tr").Single(tr => tr.QuerySelector("th")!.ReadableText() == label).QuerySelector("td")!.TextContent);
        Assert.Equal(Kr(grant), Row("Stöd (Leader, EU och stat)"));
        Assert.Equal(Kr(@public), Row("Offentlig medfinansiering"));
        Assert.Equal(Kr(@private), Row("Privat medfinansiering"));
        Assert.Equal(Kr(cash), Row("varav kontant"));
        Assert.Equal(Kr(volunteer), Row("varav ideell tid (132,5 timmar)"));
        Assert.Equal(Kr(donated), Row("varav ideell resurs (varor, lokaler)"));
        Assert.Equal(Kr(total), Row("Totalt"));
        Assert.Equal($"{(grant / total * 100).ToString("0.#", Sv)} %", Row("Stödandel (stödet av totalen)"));
        Assert.Contains("120 timmar × 220 kr", SwedishText.Normalise(page.QuerySelector("section[aria-labelledby='economy-heading']")!.TextContent), StringComparison.Ordinal);

        // The statistics of a search that finds only this project sum the same kinds, from the index.
        var statistics = await _public.GetPageAsync($"/statistik?q={word}");
        var byKind = FinancingTable(statistics, "Finansieringen per slag", "SEK");
        Assert.Equal(Kr(grant), byKind["Stöd (Leader, EU och stat)"]);
        Assert.Equal(Kr(cash), byKind["varav kontant"]);
        Assert.Equal(Kr(volunteer), byKind["varav ideell tid (132,5 timmar)"]);
        Assert.Equal(Kr(total), byKind["Totalt"]);

        var api = await ApiProjectAsync(slug);
        var financing = api.GetProperty("financing").EnumerateArray().Single();
        Assert.Equal("SEK", financing.GetProperty("currency").GetString());
        Assert.Equal(grant, financing.GetProperty("grant").GetDecimal());
        Assert.Equal(@public, financing.GetProperty("publicCofinancing").GetDecimal());
        Assert.Equal(@private, financing.GetProperty("privateCofinancing").GetDecimal());
        Assert.Equal(volunteer, financing.GetProperty("volunteerTime").GetDecimal());
        Assert.Equal(132.5m, financing.GetProperty("volunteerHours").GetDecimal());
        Assert.Equal(total, financing.GetProperty("total").GetDecimal());
        var rows = api.GetProperty("financiers").EnumerateArray().ToList();
        Assert.Equal(["stod", "offentlig", "privat", "ideell-tid", "ideell-tid", "ideell-resurs"], rows.Select(r => r.GetProperty("contribution").GetString()));
        Assert.Equal(120m, rows[3].GetProperty("hours").GetDecimal());
        Assert.Equal(220m, rows[3].GetProperty("hourlyRate").GetProperty("amount").GetDecimal());
        Assert.Equal(26_400m, rows[3].GetProperty("amount").GetProperty("amount").GetDecimal());

        var csv = await CsvAsync($"/projekt.csv?q={word}");
        var header = csv[0].ToList();
        var line = csv.Single(r => r[header.IndexOf("Titel")] == title);
        string Column(string name) => line[header.IndexOf(name)];
        Assert.Equal("SEK", Column("Finansieringens valuta"));
        Assert.Equal(grant.ToString("0.##", Sv), Column("Stöd"));
        Assert.Equal(@private.ToString("0.##", Sv), Column("Privat medfinansiering"));
        Assert.Equal(volunteer.ToString("0.##", Sv), Column("varav ideell tid"));
        Assert.Equal("132,5", Column("Timmar ideell tid"));
        Assert.Equal(total.ToString("0.##", Sv), Column("Finansiering totalt"));
    }

    [Fact]
    public async Task Amounts_in_two_currencies_are_summed_apart_and_never_added()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "leader-polaris");
        var (title, _) = NewTitle("Gränslöst");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form = await form.StayAsync("Lägg till finansiär");
        form = await form.StayAsync("Lägg till finansiär");
        form.Type("Input.Title", title).Choose("Input.Status", "Pågående")
            .Choose("Input.Financiers[0].OrganisationId", Name("interreg-botnia-atlantica")).Type("Input.Financiers[0].Amount", "100 000").Choose("Input.Financiers[0].Currency", "EUR")
            .Choose("Input.Financiers[1].OrganisationId", Name("region-vasterbotten")).Type("Input.Financiers[1].Amount", "300 000").Choose("Input.Financiers[1].Currency", "SEK");
        await form.SaveAsync("Spara och publicera");
        var slug = await InDbAsync(db => db.Projects.Where(p => p.Title == title).Select(p => p.Slug).SingleAsync());

        var tables = (await _public.GetPageAsync($"/projekt/{slug}")).QuerySelectorAll("table.financing").ToList();

        Assert.Equal(["Finansieringen i SEK", "Finansieringen i EUR"], tables.Select(t => t.QuerySelector("caption")!.ChildNodes[0].TextContent.Trim()));
        string Total(int i) => SwedishText.Normalise(tables[i].QuerySelectorAll("tr").Single(tr => tr.QuerySelector("th")!.ReadableText() == "Totalt").QuerySelector("td")!.TextContent);
        Assert.Equal("300 000 kr", Total(0));
        Assert.Equal("100 000 €", Total(1));
    }

    [Fact]
    public async Task A_publishers_page_and_a_municipalitys_page_sum_their_projects_financing_by_kind_as_the_database_does()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "leader-polaris");
        var (title, _) = NewTitle("Fäbodvall");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form = await form.StayAsync("Lägg till finansiär");
        form = await form.StayAsync("Lägg till finansiär");
        form.Type("Input.Title", title).Choose("Input.Status", "Pågående").Type("Input.Municipalities", "Jokkmokk")
            .Choose("Input.Financiers[0].OrganisationId", Name("leader-polaris")).Type("Input.Financiers[0].Amount", "250 000").Choose("Input.Financiers[0].Currency", "SEK")
            .Choose("Input.Financiers[1].OrganisationId", Name("gold-of-lapland")).Choose("Input.Financiers[1].Contribution", "Ideell tid")
            .Type("Input.Financiers[1].Hours", "40").Type("Input.Financiers[1].Rate", "300").Choose("Input.Financiers[1].Currency", "SEK");
        await form.SaveAsync("Spara och publicera");

        foreach (var (path, caption, inScope) in new (string, string, System.Linq.Expressions.Expression<Func<Project, bool>>)[]
        {
            ("/organisationer/leader-polaris", "Projektens finansiering per slag", p => p.Publisher.Slug == "leader-polaris"),
            ("/kommuner/2510", "Projektens finansiering per slag", p => p.Municipalities.Any(m => m.Code == "2510")),
        })
        {
            // Worked out from the database's rows, apart from the index that the page counts with.
            var rows = await InDbAsync(db => db.PublicProjects.AsNoTracking().Where(inScope).SelectMany(p => p.Financiers)
                .Select(f => new { f.Contribution, f.Amount, f.Hours }).ToListAsync());
            var sek = rows.Where(r => r.Amount?.Currency == "SEK").ToList();
            decimal Sum(params Contribution[] kinds) => sek.Where(r => kinds.Contains(r.Contribution)).Sum(r => r.Amount!.MinorUnits) / 100m;
            var hours = sek.Where(r => r.Contribution == Contribution.VolunteerTime).Sum(r => r.Hours ?? 0);

            var table = FinancingTable(await _public.GetPageAsync(path), caption, "SEK");

            Assert.Equal(Kr(Sum(Contribution.Grant)), table["Stöd (Leader, EU och stat)"]);
            Assert.Equal(Kr(Sum(Contribution.PublicCofinancing)), table["Offentlig medfinansiering"]);
            Assert.Equal(Kr(Sum(Contribution.PrivateCash, Contribution.VolunteerTime, Contribution.DonatedResources)), table["Privat medfinansiering"]);
            Assert.Equal(Kr(Sum(Contribution.VolunteerTime)), table[$"varav ideell tid ({hours.ToString("0.##", Sv)} timmar)"]);
            Assert.Equal(Kr(sek.Sum(r => r.Amount!.MinorUnits) / 100m), table["Totalt"]);
        }
    }

    /// <summary>A financing-by-kind table's rows (label → amount) in one currency; its caption names the currency when there are several.</summary>
    private static Dictionary<string, string> FinancingTable(AngleSharp.Dom.IDocument page, string caption, string currency)
    {
        var tables = page.QuerySelectorAll("table.financing")
            .Where(t => t.QuerySelector("caption")!.ChildNodes[0].TextContent.Trim() is var c && (c == caption || c == $"{caption} i {currency}")).ToList();
        var table = Assert.Single(tables);
        return table.QuerySelectorAll("tr").ToDictionary(tr => tr.QuerySelector("th")!.ReadableText(),
            tr => SwedishText.Normalise(tr.QuerySelector("td")!.TextContent));
    }

    [Theory]
    [InlineData("Input.Financiers[0].Contribution=ideell-tid", "Input.Financiers[0].Hours", "Skriv hur många timmar ideell tid det är")]
    [InlineData("Input.Financiers[0].Contribution=ideell-tid|Input.Financiers[0].Hours=tolv", "Input.Financiers[0].Hours", "”tolv” är inget antal timmar")]
    [InlineData("Input.Financiers[0].Contribution=ideell-tid|Input.Financiers[0].Hours=10", "Input.Financiers[0].Rate", "Skriv timpriset för en timme ideell tid")]
    [InlineData("Input.Financiers[0].Contribution=ideell-tid|Input.Financiers[0].Hours=10|Input.Financiers[0].Rate=300|Input.Financiers[0].Currency=SEK|Input.Financiers[0].Amount=5 000", "Input.Financiers[0].Amount", "För ideell tid räknas värdet fram: 10 timmar × 300 kr = 3 000 kr.")]
    [InlineData("Input.Financiers[0].Contribution=offentlig|Input.Financiers[0].Hours=10", "Input.Financiers[0].Hours", "Timmar anges bara för ideell tid.")]
    [InlineData("Input.Financiers[0].Contribution=bidrag", "Input.Financiers[0].Contribution", "Välj vad finansieringen är")]
    public async Task A_wrong_financing_row_gets_a_Swedish_message_on_its_field_and_nothing_typed_is_lost(string typed, string field, string message)
    {
        // Mala kommun has set no rate for volunteer time.
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (title, _) = NewTitle("Felräknat");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form = await form.StayAsync("Lägg till finansiär");
        form.Type("Input.Title", title).Choose("Input.Status", "Pågående").Choose("Input.Financiers[0].OrganisationId", Name("gold-of-lapland"));
        foreach (var pair in typed.Split('|'))
        {
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            form.Type(name, value);
        }

        var again = await form.StayAsync("Spara");

        Assert.Contains(message, again.FieldError(field), StringComparison.Ordinal);
        Assert.Equal(title, again.Value("Input.Title"));
        // What was typed is there again (a list shows its choice, so only typed fields are compared).
        foreach (var pair in typed.Split('|').Where(p => again.Document.QuerySelector($"input[name='{p[..p.IndexOf('=', StringComparison.Ordinal)]}']") is not null))
            Assert.Equal(pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..], again.Value(pair[..pair.IndexOf('=', StringComparison.Ordinal)]));
        Assert.False(await InDbAsync(db => db.Projects.AnyAsync(p => p.Title == title)));
    }

    [Fact]
    public async Task The_publishers_rate_for_volunteer_time_is_set_in_the_organisation_form()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var id = await InDbAsync(db => db.Organisations.Where(o => o.Slug == "leader-polaris").Select(o => o.Id).SingleAsync());
        var form = await FormPage.OpenAsync(admin, $"/admin/organisationer/{id}");

        var wrong = await form.Type("Input.VolunteerHourRate", "trehundra").StayAsync("Spara ändringarna");
        Assert.Contains("är inget belopp", wrong.FieldError("Input.VolunteerHourRate"), StringComparison.Ordinal);

        await wrong.Type("Input.VolunteerHourRate", "340").SaveAsync("Spara ändringarna");

        Assert.Equal(new Money(34_000, "SEK"), await InDbAsync(db => db.Organisations.AsNoTracking().Where(o => o.Id == id).Select(o => o.VolunteerHourRate).SingleAsync()));
        Assert.Equal("340", (await FormPage.OpenAsync(admin, $"/admin/organisationer/{id}")).Value("Input.VolunteerHourRate"));
    }

    private static readonly CultureInfo Sv = CultureInfo.GetCultureInfo("sv-SE");

    private static string Kr(decimal amount) => $"{amount.ToString("#,##0.##", Sv)} kr".Replace('\u00a0', ' ');

    private Task<int> SetVolunteerRateAsync(string organisation, long minorUnits) => InDbAsync(async db =>
    {
        var o = await db.Organisations.SingleAsync(x => x.Slug == organisation);
        o.VolunteerHourRate = new Money(minorUnits, "SEK");
        return await db.SaveChangesAsync();
    });

    private async Task<JsonElement> ApiProjectAsync(string slug)
    {
        using var response = await _public.GetAsync(new Uri($"/api/v1/projects/{slug}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private async Task<List<string[]>> CsvAsync(string url)
    {
        var bytes = await _public.GetByteArrayAsync(new Uri(url, UriKind.Relative));
        return Csv.Parse(new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF'));
    }

    private static (string Title, string Word) NewTitle(string prefix)
    {
        var word = "t" + Guid.NewGuid().ToString("N")[..10];
        return ($"{prefix} {word}", word);
    }

    private Task<T> InDbAsync<T>(Func<ProjectRegistry.Web.Data.RegistryDbContext, Task<T>> query) => app.InDbAsync(query);
}
