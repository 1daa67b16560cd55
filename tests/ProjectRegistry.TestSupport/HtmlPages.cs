using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ProjectRegistry.Tests.TestSupport;

public static class HtmlPages
{
    /// <summary>Fetches a page, asserts that it answered 200 with HTML, and parses it as a browser would.</summary>
    public static async Task<IDocument> GetPageAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {Shorten(url)} gav {(int)response.StatusCode}, inte 200.");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        // The page's own address (without the query, which may be deliberately broken) lets forms resolve their action.
        var address = new Uri(client.BaseAddress!, url.Split('?')[0]).ToString();
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html).Address(address));
    }

    /// <summary>Submits a GET form the way a browser would: only named, enabled, checked or selected controls.</summary>
    public static async Task<IDocument> SubmitAsync(this HttpClient client, IHtmlFormElement form)
    {
        Assert.Equal("get", form.Method, ignoreCase: true);
        var submission = form.GetSubmission();
        Assert.NotNull(submission);
        return await client.GetPageAsync(new Uri(submission.Target.Href).PathAndQuery);
    }

    /// <summary>Text as a reader sees it: whitespace runs collapsed.</summary>
    public static string ReadableText(this INode node) =>
        string.Join(' ', node.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Shorten(string url) => url.Length <= 120 ? url : url[..120] + "…";
}
