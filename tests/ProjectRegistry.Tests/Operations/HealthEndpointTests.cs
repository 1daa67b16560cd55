using System.Net;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Operations;

/// <summary>/healthz says the process answers; /readyz says the database answers with every migration applied.</summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    private readonly RegistryAppFactory _site = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body, string? CacheControl)> GetAsync(string url)
    {
        using var client = _site.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Both_answer_ok_when_the_database_is_migrated_and_are_never_cached()
    {
        var live = await GetAsync("/healthz");
        var ready = await GetAsync("/readyz");

        Assert.Equal((HttpStatusCode.OK, "ok\n"), (live.Status, live.Body));
        Assert.Equal((HttpStatusCode.OK, "ok\n"), (ready.Status, ready.Body));
        Assert.Contains("no-store", ready.CacheControl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_is_503_with_the_reason_while_a_migration_is_missing_and_liveness_stays_200()
    {
        _ = _site.Services;
        var last = SqliteFile.Query(_site.DatabasePath, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId DESC LIMIT 1").Single();
        var version = SqliteFile.Scalar(_site.DatabasePath, $"SELECT ProductVersion FROM __EFMigrationsHistory WHERE MigrationId = '{last}'");
        SqliteFile.Execute(_site.DatabasePath, $"DELETE FROM __EFMigrationsHistory WHERE MigrationId = '{last}'");
        try
        {
            var ready = await GetAsync("/readyz");
            var live = await GetAsync("/healthz");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
            Assert.Equal("databasen: 1 migrering(ar) är inte gjorda\n", ready.Body);
            Assert.Equal(HttpStatusCode.OK, live.Status);
        }
        finally
        {
            SqliteFile.Execute(_site.DatabasePath, $"INSERT INTO __EFMigrationsHistory VALUES ('{last}', '{version}')");
        }
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/readyz")).Status);
    }
}
