using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.OpenData;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages.Projects;

/// <summary>
/// A project's results (issue 13): an editor records planned and achieved indicator values through the real project
/// form; the project page, the API and the CSV carry them, and the publisher's follow-up sums them against the
/// strategy's targets and budgets. Every test makes its own indicators and projects (unique names), so the seeded
/// projects, which have no results, never change a sum.
/// </summary>
public class ResultsTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private const string NewProject = "/admin/projekt/ny";
    private readonly HttpClient _public = app.CreateClient();

    [Fact]
    public async Task Planned_and_achieved_values_typed_in_the_form_show_on_the_project_page_in_the_API_and_in_the_CSV()
    {
        var (jobs, visitors) = await TwoIndicatorsAsync("mala-kommun");
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (title, word) = NewTitle("Besöksmål");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form = await form.StayAsync("Lägg till indikator");
        form = await form.StayAsync("Lägg till indikator");
        form.Type("Input.Title", title).Choose("Input.Status", "Pågående")
            .Choose("Input.Results[0].IndicatorId", $"R.37 {jobs} (arbetstillfällen)").Type("Input.Results[0].Planned", "3").Type("Input.Results[0].Achieved", "2,5")
            .Choose("Input.Results[1].IndicatorId", $"{visitors} (besökare)").Type("Input.Results[1].Planned", "1 250")
            .Type("Input.ResultsText", "Två nya **helårstjänster** i byn.");

        var saved = await form.SaveAsync("Spara och publicera");

        var edit = await FormPage.OpenAsync(editor, saved);
        Assert.Equal("2,5", edit.Value("Input.Results[0].Achieved"));
        Assert.Equal("1250", edit.Value("Input.Results[1].Planned"));
        var slug = edit.Value("Input.Slug")!;

        var page = await _public.GetPageAsync($"/projekt/{slug}");
        var section = page.QuerySelector("section#resultat");
        Assert.NotNull(section);
        Assert.Equal("Resultat", section.QuerySelector("h2")!.ReadableText());
        var rows = section.QuerySelectorAll("tbody tr").Select(Cells).ToList();
        Assert.Equal([$"R.37 {jobs}", "3", "2,5", "arbetstillfällen"], rows[0]);
        Assert.Equal([visitors, "1 250", "besökare"], [rows[1][0], rows[1][1], rows[1][3]]);
        Assert.StartsWith("–", rows[1][2], StringComparison.Ordinal);
        Assert.Equal(2, rows.Count);
        Assert.Equal("EU:s resultatindikator R.37", section.QuerySelector("abbr")!.GetAttribute("title"));
        Assert.Equal("helårstjänster", section.QuerySelector(".prose strong")!.ReadableText());

        using var api = JsonDocument.Parse(await _public.GetStringAsync(new Uri($"/api/v1/projects/{slug}", UriKind.Relative)));
        var results = api.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        Assert.Equal(jobs, results[0].GetProperty("indicator").GetString());
        Assert.Equal("R.37", results[0].GetProperty("euCode").GetString());
        Assert.Equal(3m, results[0].GetProperty("planned").GetDecimal());
        Assert.Equal(2.5m, results[0].GetProperty("achieved").GetDecimal());
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("euCode").ValueKind);
        Assert.Equal(1250m, results[1].GetProperty("planned").GetDecimal());
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("achieved").ValueKind);
        Assert.Equal("Två nya **helårstjänster** i byn.", api.RootElement.GetProperty("resultsText").GetString());

        var csv = Csv.Parse(Encoding.UTF8.GetString(await _public.GetByteArrayAsync(new Uri($"/projekt.csv?q={word}", UriKind.Relative))).TrimStart('\uFEFF'));
        var header = csv[0].ToList();
        var row = Assert.Single(csv.Skip(1), r => r.Length > 1);
        Assert.Equal($"R.37 {jobs}: 3/2,5 arbetstillfällen; {visitors}: 1250/– besökare", row[header.IndexOf("Resultat")]);
        Assert.Equal("Två nya **helårstjänster** i byn.", row[header.IndexOf("Om resultaten")]);

        var openApi = await _public.GetStringAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));
        Assert.Contains("\"ResultRecord\"", openApi, StringComparison.Ordinal);
        Assert.Contains("The value achieved according to the final report.", openApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_follow_up_sums_the_posted_values_and_the_granted_money_against_targets_and_budgets()
    {
        var (jobs, visitors) = await TwoIndicatorsAsync("mala-kommun", jobsTarget: 4_000, visitorsTarget: null);
        const string area = "Miljödriven utveckling";
        await app.InDbAsync(async db =>
        {
            var goalArea = await db.GoalAreas.SingleAsync(g => g.Name == area && g.Organisation.Slug == "mala-kommun");
            goalArea.PlannedBudget = new Money(2_000_000_00, "SEK");
            return await db.SaveChangesAsync();
        });
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var word = "t" + Guid.NewGuid().ToString("N")[..10];
        // What the editor posts, and so what the follow-up must add up to (amounts in kronor, values as typed).
        var posted = new[]
        {
            (Title: $"Vandringsled {word}", Grant: "150 000", Planned: new[] { "3", "1 250" }, Achieved: new[] { "2,5", "" }),
            (Title: $"Fiskecamp {word}", Grant: "49 999,50", Planned: new[] { "1,25", "400" }, Achieved: new[] { "0,75", "380" }),
        };
        foreach (var p in posted)
        {
            var form = await FormPage.OpenAsync(editor, NewProject);
            form = await form.StayAsync("Lägg till indikator");
            form = await form.StayAsync("Lägg till indikator");
            form = await form.StayAsync("Lägg till finansiär");
            var areaId = await app.InDbAsync(db => db.GoalAreas.Where(g => g.Name == area && g.Organisation.Slug == "mala-kommun").Select(g => g.Id).SingleAsync());
            form.Type("Input.Title", p.Title).Choose("Input.Status", "Beviljat").Type("Input.GoalAreaIds", areaId.ToString(CultureInfo.InvariantCulture))
                .Choose("Input.Financiers[0].OrganisationId", "Malå kommun").Type("Input.Financiers[0].Amount", p.Grant).Choose("Input.Financiers[0].Currency", "SEK")
                .Choose("Input.Results[0].IndicatorId", $"R.37 {jobs} (arbetstillfällen)").Type("Input.Results[0].Planned", p.Planned[0]).Type("Input.Results[0].Achieved", p.Achieved[0])
                .Choose("Input.Results[1].IndicatorId", $"{visitors} (besökare)").Type("Input.Results[1].Planned", p.Planned[1]).Type("Input.Results[1].Achieved", p.Achieved[1]);
            await form.SaveAsync("Spara och publicera");
        }

        static decimal Sum(IEnumerable<string> typed) => typed.Where(t => t.Length > 0)
            .Sum(t => decimal.Parse(t.Replace(" ", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.GetCultureInfo("sv-SE")));
        string Display(decimal d) => SwedishText.Normalise(d.ToString(d % 1 == 0 ? "#,##0" : "#,##0.##", CultureInfo.GetCultureInfo("sv-SE")));
        var expectedJobs = new[] { "2", Display(Sum(posted.Select(p => p.Planned[0]))), Display(Sum(posted.Select(p => p.Achieved[0]))), "4 000" };
        var expectedVisitors = new[] { "2", Display(Sum(posted.Select(p => p.Planned[1]))), Display(Sum(posted.Select(p => p.Achieved[1]))), "–" };
        Assert.Equal(["2", "4,25", "3,25", "4 000"], expectedJobs); // the independent sum, spelled out once

        // The publisher's page: every one of its public projects; only these two have values for the new indicators.
        var organisation = await _public.GetPageAsync("/organisationer/mala-kommun");
        AssertIndicatorRows(organisation, jobs, visitors, expectedJobs, expectedVisitors);

        // /statistik narrowed to these two: the money granted by Malå kommun itself, against the area's budget.
        var statistics = await _public.GetPageAsync($"/statistik?organisation=mala-kommun&q={word}");
        AssertIndicatorRows(statistics, jobs, visitors, expectedJobs, expectedVisitors);
        var grant = posted.Sum(p => decimal.Parse(p.Grant.Replace(" ", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.GetCultureInfo("sv-SE")));
        var areaRow = Cells(statistics.QuerySelectorAll("#uppfoljning tbody tr").First(tr => tr.QuerySelector("th")!.ReadableText() == area));
        Assert.Equal([area, "2", SwedishText.Normalise($"{grant.ToString("#,##0.00", CultureInfo.GetCultureInfo("sv-SE"))} kr"), "2 000 000 kr", "10 %"], areaRow.Select(SwedishText.Normalise).ToArray());
        var chart = statistics.QuerySelector("#uppfoljning svg[role=img] title")!.ReadableText();
        Assert.Contains($"{area}: beviljat", chart, StringComparison.Ordinal);

        // Without a publisher in the filter, /statistik names each publisher's follow-up instead.
        var overall = await _public.GetPageAsync($"/statistik?q={word}");
        Assert.Null(overall.QuerySelector("#uppfoljning table"));
        Assert.Contains(overall.QuerySelectorAll("#uppfoljning a"), a => a.GetAttribute("href") == $"/statistik?organisation=mala-kommun&q={word}#uppfoljning");
    }

    [Theory]
    [InlineData("Input.Results[0].Planned", "tre", "”tre” är inget tal. Skriv till exempel 12 eller 2,5.")]
    [InlineData("Input.Results[0].Achieved", "-2", "Värdet kan inte vara negativt.")]
    [InlineData("Input.Results[0].Planned", "1,255", "”1,255” har fler än två decimaler.")]
    [InlineData("Input.Results[0].IndicatorId", "other-publisher", "Indikatorn hör inte till den valda organisationens indikatorer.")]
    public async Task A_wrong_value_or_an_indicator_of_another_publisher_gets_a_Swedish_message_on_that_field_and_nothing_typed_is_lost(string field, string value, string message)
    {
        var (jobs, _) = await TwoIndicatorsAsync("mala-kommun");
        var (polarisJobs, _) = await TwoIndicatorsAsync("leader-polaris");
        var jobsId = await IndicatorIdAsync(jobs);
        if (value == "other-publisher") value = (await IndicatorIdAsync(polarisJobs)).ToString(CultureInfo.InvariantCulture);
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (title, _) = NewTitle("Felvärde");
        var form = await FormPage.OpenAsync(editor, NewProject);
        form = await form.StayAsync("Lägg till indikator");
        var values = new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Status"] = "pagaende",
            ["Input.Results[0].IndicatorId"] = jobsId.ToString(CultureInfo.InvariantCulture),
            ["Input.Results[0].Planned"] = "3",
            ["Input.Results[0].Achieved"] = "2,5",
            ["Input.ResultsText"] = "Några rader\nom resultaten.",
        };
        values[field] = value;
        foreach (var (name, v) in values) form.Type(name, v);

        var shown = await form.StayAsync("Spara");

        Assert.Contains(message, shown.FieldError(field), StringComparison.Ordinal);
        Assert.Contains(shown.Document.QuerySelectorAll(".error-summary a"), a => a.GetAttribute("href") == "#" + field.Replace('.', '_').Replace('[', '_').Replace(']', '_'));
        Assert.All(values, v => Assert.Equal(v.Value, shown.Value(v.Key)));
        Assert.False(await app.InDbAsync(db => db.Projects.IgnoreQueryFilters().AnyAsync(p => p.Title == title)));
    }

    /// <summary>Two new indicators of a publisher, named uniquely: one of the EU's (R.37) and one local without a target.</summary>
    private async Task<(string Jobs, string Visitors)> TwoIndicatorsAsync(string publisher, long? jobsTarget = null, long? visitorsTarget = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (jobs, visitors) = ($"Nya arbetstillfällen {suffix}", $"Dagsbesökare {suffix}");
        await app.InDbAsync(async db =>
        {
            var organisationId = await db.Organisations.Where(o => o.Slug == publisher).Select(o => o.Id).SingleAsync();
            db.Indicators.Add(new Indicator { OrganisationId = organisationId, Name = jobs, Unit = "arbetstillfällen", EuCode = "R.37", Target = jobsTarget * 100, Position = 100 });
            db.Indicators.Add(new Indicator { OrganisationId = organisationId, Name = visitors, Unit = "besökare", Target = visitorsTarget * 100, Position = 101 });
            return await db.SaveChangesAsync();
        });
        return (jobs, visitors);
    }

    private Task<int> IndicatorIdAsync(string name) => app.InDbAsync(db => db.Indicators.Where(i => i.Name == name).Select(i => i.Id).SingleAsync());

    /// <summary>Projects, planned, achieved and target of the two indicators in a page's follow-up table.</summary>
    private static void AssertIndicatorRows(IDocument page, string jobs, string visitors, string[] expectedJobs, string[] expectedVisitors)
    {
        var tables = page.QuerySelectorAll("#uppfoljning table");
        var rows = tables[tables.Length - 1].QuerySelectorAll("tbody tr").Select(Cells).ToList();
        var jobsRow = rows.Single(r => r[0] == $"R.37 {jobs}");
        var visitorsRow = rows.Single(r => r[0] == visitors);
        Assert.Equal(expectedJobs, jobsRow.Skip(2).Take(4).Select(SwedishText.Normalise).ToArray());
        Assert.Equal(expectedVisitors, visitorsRow.Skip(2).Take(4).Select(SwedishText.Normalise).ToArray());
    }

    private static string[] Cells(IElement row) => row.Children.Select(c => SwedishText.Normalise(c.ReadableText())).ToArray();

    private static (string Title, string Word) NewTitle(string prefix)
    {
        var word = "t" + Guid.NewGuid().ToString("N")[..10];
        return ($"{prefix} {word}", word);
    }
}
