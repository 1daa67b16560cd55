using System.Net;
using System.Text.Json;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.OpenData;

[Collection(SeededApp.Name)]
public class ApiTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Projects_are_filtered_by_municipality_and_paged_with_the_total()
    {
        var first = await GetJsonAsync("/api/v1/projects?municipality=2418&pageSize=5");
        var second = await GetJsonAsync("/api/v1/projects?municipality=2418&pageSize=5&page=2");

        Assert.Equal(9, first.GetProperty("total").GetInt32());
        Assert.Equal("CC0-1.0", first.GetProperty("licence").GetString());
        var slugs = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(p => p.GetProperty("slug").GetString()).ToHashSet();
        Assert.Equal(9, slugs.Count);
        Assert.Contains("exportfokus", slugs);
    }

    [Fact]
    public async Task One_project_has_dates_at_their_precision_and_amounts_with_currency()
    {
        var p = await GetJsonAsync("/api/v1/projects/digitala-steget");

        Assert.Equal("2019", p.GetProperty("start").GetProperty("value").GetString());
        Assert.Equal("year", p.GetProperty("start").GetProperty("precision").GetString());
        var mala = p.GetProperty("financiers").EnumerateArray().Single(f => f.GetProperty("organisation").GetProperty("slug").GetString() == "mala-kommun");
        Assert.Equal(90000m, mala.GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal("SEK", mala.GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal("verksamhet 227, projekt 5780", mala.GetProperty("accountingReference").GetString());
    }

    [Theory]
    [InlineData("forstudie-arctic-circle-centre")]
    [InlineData("narvarmeverk-och-p-hem")]
    [InlineData("soutujarvibygden-servicekontor")]
    public async Task A_projects_places_have_their_name_and_coordinates_as_in_the_seed(string slug)
    {
        var seed = SeedDocuments.Places(SeedDocuments.Project(slug));
        Assert.NotEmpty(seed);

        var p = await GetJsonAsync($"/api/v1/projects/{slug}");

        DownloadsTests.AssertPlaces(seed, p);
    }

    [Fact]
    public async Task Vuollerim_is_at_66_43_north_20_61_east_in_the_api()
    {
        var p = await GetJsonAsync("/api/v1/projects/forstudie-arctic-circle-centre");

        var place = Assert.Single(p.GetProperty("places").EnumerateArray());
        Assert.Equal("Vuollerim", place.GetProperty("name").GetString());
        Assert.Equal(66.43, place.GetProperty("latitude").GetDouble());
        Assert.Equal(20.61, place.GetProperty("longitude").GetDouble());
    }

    [Theory]
    [InlineData("/api/v1/projects?status=xyz", "status")]
    [InlineData("/api/v1/projects?municipality=abc", "municipality")]
    [InlineData("/api/v1/projects?page=-1", "page")]
    [InlineData("/api/v1/projects?pageSize=100000", "pageSize")]
    [InlineData("/api/v1/projects?publisher=%3Cscript%3E", "publisher")]
    public async Task A_malformed_parameter_gives_400_with_problem_details_naming_it(string url, string parameter)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Theory]
    [InlineData("municipality", "2418")]
    [InlineData("status", "pagaende")]
    public async Task A_value_repeated_hundreds_of_times_is_read_once_as_on_the_pages(string parameter, string value)
    {
        // 3,330 repeats of municipality=2418 once took 80 s of server CPU: every copy was a parameter of the query.
        var once = await GetJsonAsync($"/api/v1/projects?{parameter}={value}&pageSize=100");
        var repeated = string.Join('&', Enumerable.Repeat($"{parameter}={value}", 5_500 / (parameter.Length + value.Length + 2)));

        var many = await GetJsonAsync($"/api/v1/projects?{repeated}&pageSize=100");

        Assert.Equal(once.GetProperty("total").GetInt32(), many.GetProperty("total").GetInt32());
        Assert.Equal(once.GetProperty("items").GetRawText(), many.GetProperty("items").GetRawText());
    }

    [Fact]
    public async Task More_than_50_different_municipalities_give_400_naming_the_parameter()
    {
        var codes = string.Join('&', Enumerable.Range(2400, 51).Select(c => $"municipality={c}"));

        var problem = await GetJsonAsync($"/api/v1/projects?{codes}", HttpStatusCode.BadRequest);

        Assert.Contains("50", problem.GetProperty("errors").GetProperty("municipality")[0].GetString(), StringComparison.Ordinal);
        // Fifty is still an answer, as on the pages.
        await GetJsonAsync($"/api/v1/projects?{string.Join('&', Enumerable.Range(2400, 50).Select(c => $"municipality={c}"))}");
    }

    [Fact]
    public async Task An_unknown_project_is_a_404_problem()
    {
        var problem = await GetJsonAsync("/api/v1/projects/finns-inte", HttpStatusCode.NotFound);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_reference_lists_are_complete()
    {
        Assert.Equal(290, (await GetJsonAsync("/api/v1/municipalities")).GetArrayLength());
        Assert.Equal(6, (await GetJsonAsync("/api/v1/statuses")).GetArrayLength());
        Assert.Equal(24, (await GetJsonAsync("/api/v1/organisations")).GetArrayLength());
        Assert.Equal(3, (await GetJsonAsync("/api/v1/goal-areas")).GetArrayLength());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_endpoints_and_the_CC0_licence()
    {
        var doc = await GetJsonAsync("/api/v1/openapi.json");

        Assert.Equal("CC0 1.0", doc.GetProperty("info").GetProperty("license").GetProperty("name").GetString());
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/projects", paths);
        Assert.Contains("/api/v1/projects/{slug}", paths);
    }

    [Fact]
    public async Task Any_site_may_read_the_API_from_a_browser()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statuses");
        request.Headers.Add("Origin", "https://example.org");
        using var response = await _client.SendAsync(request);

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
