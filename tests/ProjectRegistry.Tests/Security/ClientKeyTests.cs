using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Infrastructure.Http;

namespace ProjectRegistry.Tests.Security;

/// <summary>
/// Issue 24, M3: every anonymous limit counts one IPv4 address or one IPv6 /64 as one client (ClientKey), so that a
/// client holding a /64 (every home and server has one) cannot take a budget per address. The review's probe: 12
/// addresses of one /64 got 12 × 200 on sign-in and 12 × 302 on feedback.
/// </summary>
public sealed class ClientKeyTests(ClientKeyTests.LimitedApp limited) : IClassFixture<ClientKeyTests.LimitedApp>
{
    public sealed class LimitedApp : IAsyncDisposable
    {
        public RegistryAppFactory App { get; } = new()
        {
            SignInAttemptsPerMinute = 3,
            AnonymousUncachedPerMinute = 3,
            Settings = { ["Feedback:MessagesPerClientPerHour"] = "2" },
            TestServices = ClientAddressFromHeader.Install,
        };

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private HttpClient From(string address) => ClientAddressFromHeader.From(
        limited.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), address);

    /// <summary>Twelve addresses of the /64 <paramref name="prefix"/> (…::1 to …:b:…), as a client rotating through its network would use.</summary>
    private static IEnumerable<string> TwelveAddressesOf(string prefix) =>
        Enumerable.Range(1, 12).Select(i => $"{prefix}:{i:x}:{i * 7919 % 65536:x}::{i}");

    [Fact]
    public async Task Twelve_addresses_of_one_IPv6_network_share_one_sign_in_budget()
    {
        var statuses = new List<HttpStatusCode>();
        var i = 0;
        foreach (var address in TwelveAddressesOf("2001:db8:24:1"))
        {
            // A new account each time, so that only the per-client count can stop them.
            using var response = await From(address).PostFormAsync("/admin/logga-in",
                new() { ["Input.Email"] = $"natverk-{++i}@example.se", ["Input.Password"] = "fel lösenord men långt nog" });
            statuses.Add(response.StatusCode);
        }
        using var neighbour = await From("2001:db8:24:2::1").PostFormAsync("/admin/logga-in",
            new() { ["Input.Email"] = "granne@example.se", ["Input.Password"] = "fel lösenord men långt nog" });

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 9)], statuses);
        Assert.Equal(HttpStatusCode.OK, neighbour.StatusCode);
    }

    [Fact]
    public async Task Twelve_addresses_of_one_IPv6_network_share_one_feedback_budget()
    {
        var projectId = await limited.App.InDbAsync(db => db.PublicProjects.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var marker = Guid.NewGuid().ToString("N");
        var statuses = new List<HttpStatusCode>();
        foreach (var address in TwelveAddressesOf("2001:db8:24:3"))
        {
            using var response = await From(address).PostAsync(new Uri("/synpunkter", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["projekt"] = projectId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["meddelande"] = $"Från ett nät {marker}",
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Redirect, 2), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 10)], statuses);
        Assert.Equal(2, await limited.App.InDbAsync(db => db.FeedbackMessages.CountAsync(m => m.Message.Contains(marker))));
    }

    [Fact]
    public async Task Twelve_addresses_of_one_IPv6_network_share_one_budget_of_uncached_pages()
    {
        var statuses = new List<HttpStatusCode>();
        var i = 0;
        foreach (var address in TwelveAddressesOf("2001:db8:24:5"))
        {
            using var response = await From(address).GetAsync(new Uri($"/projekt?q=natverk{++i}", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 3), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 9)], statuses);
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    public void An_IPv6_64_is_one_client_and_an_IPv4_address_is_one_however_it_is_written(string a, string b, bool shared)
    {
        Assert.Equal(shared, ClientKey.Of(IPAddress.Parse(a)) == ClientKey.Of(IPAddress.Parse(b)));
    }

    /// <summary>
    /// The guard for the next limit: the client's address is read in ClientKey, and elsewhere only where the full
    /// address itself is the point (the audit log records it, the proxy check compares it with the named proxies).
    /// A partition keyed by RemoteIpAddress anywhere else would count each IPv6 address on its own again.
    /// </summary>
    [Fact]
    public void Only_ClientKey_turns_the_client_address_into_a_limit()
    {
        string[] allowed = ["Infrastructure/Http/ClientKey.cs", "Infrastructure/Security/AuditLog.cs", "Infrastructure/Http/ReverseProxy.cs"];
        var web = Repository.WebSources;
        var offending = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(web, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal) && !allowed.Contains(f))
            .Where(f => File.ReadAllText(Path.Combine(web, f)).Contains("RemoteIpAddress", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offending.Count == 0,
            "Läser klientens adress utanför ClientKey (räkna med ClientKey.Of, så att ett IPv6-/64-nät är en klient):\n" + string.Join("\n", offending));
    }
}
