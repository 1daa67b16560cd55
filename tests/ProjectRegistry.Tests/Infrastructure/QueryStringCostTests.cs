using System.Diagnostics;
using System.Net;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Http;

namespace ProjectRegistry.Tests.Infrastructure;

/// <summary>
/// No public URL with any query string of at most 60 kB takes more than a second of server CPU: every page,
/// download and API answer gets hostile query strings just under the app's bound and at 60 kB, and must answer
/// quickly with 200, 400 or 414 and a Swedish page or problem details. Its own collection, run alone, since the
/// process's CPU time is what is measured.
/// </summary>
[Collection(Name)]
public class QueryStringCostTests
{
    public const string Name = "Measures the process's CPU time";

    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class Alone;

    private static readonly string[] PublicUrls =
    [
        "/", "/projekt", "/projekt/exportfokus", "/statistik", "/kommuner", "/kommuner/2418", "/organisationer",
        "/organisationer/mala-kommun", "/om", "/projekt.csv", "/projekt.json", "/projekt.atom", "/sitemap.xml", "/sitemap-1.xml",
        "/robots.txt", "/dcat.rdf", "/theme.css", "/api/v1/projects", "/api/v1/projects/exportfokus", "/api/v1/organisations",
        "/api/v1/municipalities", "/api/v1/statuses", "/api/v1/goal-areas", "/api/v1/openapi.json",
    ];

    /// <summary>A query string of about <paramref name="length"/> characters made of <paramref name="part"/>(i) joined by &amp;.</summary>
    private static string Fill(int length, Func<int, string> part)
    {
        var parts = new List<string>();
        var total = 0;
        for (var i = 0; total < length; i++)
        {
            var p = part(i);
            if (total + p.Length + 1 > length && parts.Count > 0) break;
            parts.Add(p);
            total += p.Length + 1;
        }
        return string.Join('&', parts);
    }

    private static IEnumerable<(string Label, string Query)> Hostile(int length)
    {
        yield return ("kommun=2418 upprepat", Fill(length, _ => "kommun=2418"));
        yield return ("municipality=2418 upprepat", Fill(length, _ => "municipality=2418"));
        yield return ("status=pagaende upprepat", Fill(length, _ => "status=pagaende"));
        yield return ("olika kommunkoder", Fill(length, i => $"kommun={1000 + (i % 9000)}&municipality={1000 + (i % 9000)}"));
        yield return ("olika statusar", Fill(length, i => $"status=x{i}"));
        yield return ("lång sökning", "q=" + Fill(length - 2, _ => "g%C3%A4llivare%20").Replace("&", "", StringComparison.Ordinal));
        yield return ("långt namn", "namn=" + new string('a', length - 5));
        yield return ("skräpnycklar", Fill(length, i => $"k{i}={i}"));
        yield return ("upprepade sidor och vyer", Fill(length, i => $"sida={i}&visa=kommuner&lista=ager&sortering=titel&organisation=mala-kommun&page={i}&pageSize=100"));
    }

    [Fact]
    public async Task No_public_url_with_a_query_string_of_at_most_60_kB_takes_a_second_of_CPU()
    {
        await using var app = new RegistryAppFactory();
        var client = app.CreateClient();
        using (await client.GetAsync(new Uri("/projekt", UriKind.Relative))) { } // started and warm
        var process = Process.GetCurrentProcess();
        var failures = new List<string>();

        foreach (var length in new[] { PublicRequestLimits.MaxQueryStringLength - 100, 60 * 1024 })
        {
            foreach (var (label, query) in Hostile(length))
            {
                foreach (var url in PublicUrls)
                {
                    process.Refresh();
                    var before = process.TotalProcessorTime;
                    using var response = await client.GetAsync(new Uri($"{url}?{query}", UriKind.Relative));
                    var body = await response.Content.ReadAsStringAsync();
                    process.Refresh();
                    var cpu = process.TotalProcessorTime - before;

                    var what = $"{url} ({label}, {query.Length / 1024} kB): {(int)response.StatusCode}, {cpu.TotalMilliseconds:F0} ms CPU";
                    if (cpu > TimeSpan.FromSeconds(1)) failures.Add(what);
                    if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong))
                        failures.Add(what);
                    else if (response.StatusCode != HttpStatusCode.OK && !IsSwedishPageOrProblem(response, body))
                        failures.Add(what + ", utan svensk sida eller problem details");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static bool IsSwedishPageOrProblem(HttpResponseMessage response, string body) =>
        response.Content.Headers.ContentType?.MediaType switch
        {
            "application/problem+json" => body.Contains("\"status\"", StringComparison.Ordinal),
            "text/html" => body.Contains("lang=\"sv\"", StringComparison.Ordinal),
            _ => false,
        };
}
