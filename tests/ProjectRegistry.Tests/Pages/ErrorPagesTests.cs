using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Pages;

[Collection(SeededApp.Name)]
public class ErrorPagesTests(RegistryAppFactory app)
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<IDocument> GetAsync(string url, HttpStatusCode expected)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url} gav {(int)response.StatusCode}, inte {(int)expected}.");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
    }

    [Theory]
    [InlineData("/projekt/finns-inte")]
    [InlineData("/projekt/EXPORTFOKUS-X")]
    [InlineData("/organisationer/finns-inte")]
    [InlineData("/kommuner/0000")]
    [InlineData("/kommuner/abc")]
    [InlineData("/kommuner/24180")]
    [InlineData("/finns-inte")]
    public async Task An_unknown_address_answers_404_with_the_Swedish_error_page(string url)
    {
        var page = await GetAsync(url, HttpStatusCode.NotFound);

        Assert.Equal("Sidan finns inte", page.QuerySelector("h1")?.ReadableText());
        Assert.Equal("sv", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/projekt");
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/");
    }

    [Fact]
    public async Task The_error_page_visited_directly_answers_with_the_status_it_describes()
    {
        var page = await GetAsync("/fel/404", HttpStatusCode.NotFound);

        Assert.Equal("Sidan finns inte", page.QuerySelector("h1")?.ReadableText());
        Assert.Contains("Felkod 404", page.Body!.ReadableText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/projekt")]
    [InlineData("/statistik")]
    [InlineData("/finns-inte")]
    public async Task A_query_string_longer_than_any_filter_gets_414_with_the_Swedish_error_page(string path)
    {
        // Below Kestrel's own 8 kB limit, whose 414 has no body at all.
        var query = "q=" + new string('a', ProjectRegistry.Web.Infrastructure.Http.PublicRequestLimits.MaxQueryStringLength);

        var page = await GetAsync($"{path}?{query}", HttpStatusCode.RequestUriTooLong);

        Assert.Equal("Adressen är för lång", page.QuerySelector("h1")?.ReadableText());
        Assert.Equal("sv", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task A_query_string_too_long_for_the_API_is_a_414_problem()
    {
        using var response = await _client.GetAsync(new Uri("/api/v1/projects?q=" + new string('a', 7000), UriKind.Relative));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
