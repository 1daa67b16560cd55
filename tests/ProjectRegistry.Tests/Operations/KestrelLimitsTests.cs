using System.Net;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Http;

namespace ProjectRegistry.Tests.Operations;

/// <summary>
/// Through the real server: Kestrel keeps its default limits (8 kB request line, 32 kB headers), and the app's
/// own bound on the query string sits below them, so a long address gets the Swedish page.
/// </summary>
public class KestrelLimitsTests
{
    [ProcessFact]
    public async Task Through_Kestrel_a_query_string_over_the_apps_bound_gets_the_Swedish_414_page()
    {
        using var app = new RegistryProcess();
        using var server = await app.StartServerAsync();
        using var client = server.CreateClient();

        using var tooLong = await client.GetAsync(new Uri("/projekt?q=" + new string('a', PublicRequestLimits.MaxQueryStringLength + 500), UriKind.Relative));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong.StatusCode);
        Assert.Contains("Adressen är för lång", WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // Past Kestrel's own limit the app is never asked: the 414 is Kestrel's, without a body (see the README).
        using var pastKestrel = await client.GetAsync(new Uri("/projekt?q=" + new string('a', 9 * 1024), UriKind.Relative));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, pastKestrel.StatusCode);
        // Kestrel's default 32 kB of headers, not the 96 kB it was raised to.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('a', 40 * 1024));
        using var bigHeaders = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, bigHeaders.StatusCode);
    }
}
