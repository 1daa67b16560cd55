using System.Net;
using AngleSharp.Dom;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Infrastructure;

/// <summary>
/// What one anonymous client can make the server compute: a budget of cache misses per address and minute
/// (Security:AnonymousUncachedPerMinute), never touching what the cache answers, signed-in staff or other addresses.
/// </summary>
public class PublicRequestLimitsTests
{
    private const string Flooder = "203.0.113.7";
    private const string Neighbour = "198.51.100.20";

    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task A_flood_of_uncached_requests_from_one_address_gets_429_while_a_second_address_is_served()
    {
        await using var app = new RegistryAppFactory { AnonymousUncachedPerMinute = 5, TestServices = ClientAddressFromHeader.Install };
        var flooder = ClientAddressFromHeader.From(app.CreateClient(), Flooder);
        var neighbour = ClientAddressFromHeader.From(app.CreateClient(), Neighbour);

        // One miss, then the same page from the cache as often as anyone likes: hits never count.
        for (var i = 0; i < 20; i++)
        {
            using var cached = await flooder.GetAsync(new Uri("/projekt", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }
        for (var i = 1; i < 5; i++)
        {
            using var miss = await flooder.GetAsync(new Uri($"/projekt?q=ord{i}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, miss.StatusCode);
        }

        using var refused = await flooder.GetAsync(new Uri("/statistik?q=flod", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After: {refused.Headers.RetryAfter}");
        var page = await ParseAsync(refused);
        Assert.Equal("sv", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("För många förfrågningar", page.QuerySelector("h1")?.ReadableText());

        using var api = await flooder.GetAsync(new Uri("/api/v1/projects?q=flod", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        // The same address still gets what is cached, another address gets the very page refused...
        using var stillCached = await flooder.GetAsync(new Uri("/projekt", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stillCached.StatusCode);
        using var served = await neighbour.GetAsync(new Uri("/statistik?q=flod", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        // ...and staff signed in from the flooding address are not limited.
        var staff = ClientAddressFromHeader.From(await app.SignedInAsAsync(Roles.Editor, "mala-kommun"), Flooder);
        using var staffPage = await staff.GetAsync(new Uri("/statistik?q=personal", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, staffPage.StatusCode);
    }

    [Fact]
    public async Task Zero_turns_the_limit_off()
    {
        await using var app = new RegistryAppFactory { AnonymousUncachedPerMinute = 0, TestServices = ClientAddressFromHeader.Install };
        var client = ClientAddressFromHeader.From(app.CreateClient(), Flooder);

        for (var i = 0; i < 30; i++)
        {
            using var response = await client.GetAsync(new Uri($"/projekt?q=ord{i}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Expensive_answers_beyond_the_concurrency_limit_and_its_queue_get_503()
    {
        // One statistics computation at a time and 32 waiting: 80 at once from 80 addresses cannot all be queued.
        await using var app = new RegistryAppFactory
        {
            Settings = { ["Security:ExpensiveConcurrentRequests"] = "1" },
            TestServices = ClientAddressFromHeader.Install,
        };
        using (await app.CreateClient().GetAsync(new Uri("/statistik", UriKind.Relative))) { } // started and warm

        var responses = await Task.WhenAll(Enumerable.Range(1, 80).Select(async i =>
        {
            var client = ClientAddressFromHeader.From(app.CreateClient(), $"192.0.2.{i}");
            var response = await client.GetAsync(new Uri($"/statistik?q=ord{i}", UriKind.Relative));
            return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{(int)r.StatusCode}"));
        var busy = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.InRange(busy.Count, 1, 80 - 33);
        Assert.All(busy, r => Assert.True(r.RetryAfter is { TotalSeconds: > 0 }));
        Assert.Equal("Tjänsten är hårt belastad just nu", (await StaffSession.ParseAsync(busy[0].Body)).QuerySelector("h1")?.ReadableText());
    }
}
