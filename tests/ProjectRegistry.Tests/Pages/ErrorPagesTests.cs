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
}
