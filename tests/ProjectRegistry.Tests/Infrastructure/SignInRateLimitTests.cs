using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Infrastructure;

/// <summary>
/// The sign-in limit (3 a minute here) behind a reverse proxy on loopback: counted per real client, as the proxy's
/// X-Forwarded-For gives it, and per account, so that neither one client nor many can do what the limit forbids.
/// Each test uses client addresses and accounts of its own, so they share one app and one minute.
/// </summary>
public sealed class SignInRateLimitTests(SignInRateLimitTests.LimitedApp limited) : IClassFixture<SignInRateLimitTests.LimitedApp>
{
    public sealed class LimitedApp : IAsyncDisposable
    {
        public RegistryAppFactory App { get; } = new()
        {
            SignInAttemptsPerMinute = 3,
            PeerAddress = IPAddress.Loopback,
            Settings = { ["Proxy:KnownProxies"] = "127.0.0.1" },
        };

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private HttpClient From(string clientAddress)
    {
        var client = limited.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return client;
    }

    private static async Task<HttpStatusCode> TrySignInAsync(HttpClient client, string email)
    {
        using var response = await client.PostFormAsync("/admin/logga-in",
            new() { ["Input.Email"] = email, ["Input.Password"] = "fel lösenord men långt nog" });
        return response.StatusCode;
    }

    [Fact]
    public async Task One_client_over_the_limit_gets_429_while_another_client_behind_the_same_proxy_signs_in_as_usual()
    {
        var flooder = From("203.0.113.1");
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++) statuses.Add(await TrySignInAsync(flooder, $"forsok-{i}@example.se"));

        var other = await TrySignInAsync(From("203.0.113.2"), "nagon-annan@example.se");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    // Issue 24 (informational): the sign-in 429 said nothing of when to try again.
    [Fact]
    public async Task The_429_says_in_Retry_After_when_to_try_again_within_the_minute()
    {
        var flooder = From("203.0.113.7");
        for (var i = 1; i <= 3; i++) await TrySignInAsync(flooder, $"vantar-{i}@example.se");

        using var refused = await flooder.PostFormAsync("/admin/logga-in",
            new() { ["Input.Email"] = "vantar-4@example.se", ["Input.Password"] = "fel lösenord men långt nog" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var seconds = refused.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.True(seconds is >= 1 and <= 60, $"Retry-After: {refused.Headers.RetryAfter}");
    }

    [Fact]
    public async Task Many_clients_guessing_one_account_get_429_for_that_account_only()
    {
        // One account, however its address is written, from a new client address each time.
        string[] spellings = ["delat-konto@example.se", "Delat-Konto@Example.se", " delat-konto@example.se ", "DELAT-KONTO@EXAMPLE.SE"];
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < spellings.Length; i++) statuses.Add(await TrySignInAsync(From($"198.51.100.{i + 1}"), spellings[i]));

        var otherAccount = await TrySignInAsync(From("198.51.100.99"), "eget-konto@example.se");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, otherAccount);
    }

    [Fact]
    public async Task A_client_that_is_not_the_named_proxy_cannot_spread_its_attempts_over_made_up_addresses()
    {
        await using var app = new RegistryAppFactory
        {
            SignInAttemptsPerMinute = 3,
            PeerAddress = IPAddress.Parse("192.0.2.10"),
            Settings = { ["Proxy:KnownProxies"] = "127.0.0.1" },
        };
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i}");
            statuses.Add(await TrySignInAsync(client, $"pahittad-{i}@example.se"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_sign_in_field_far_beyond_the_form_is_refused_with_400_and_a_Swedish_page()
    {
        // Within the page's 16 kB body limit (413, SignInTests), but past what the limiter reads of one field.
        using var response = await From("203.0.113.77").PostFormAsync("/admin/logga-in",
            new() { ["Input.Email"] = new string('a', 9_000) + "@example.se", ["Input.Password"] = "fel lösenord men långt nog" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Begäran kunde inte förstås", page.QuerySelector("h1")?.TextContent);
    }
}
