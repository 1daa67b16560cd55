using Microsoft.EntityFrameworkCore;
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
        // Through the app's own context, so that the test runs on SQLite and on PostgreSQL alike.
        var last = await _site.InDbAsync(db => Task.FromResult(db.Database.GetMigrations().Last()));
        var version = await _site.InDbAsync(db => db.Database.SqlQuery<string>($"""SELECT "ProductVersion" AS "Value" FROM "__EFMigrationsHistory" WHERE "MigrationId" = {last}""").SingleAsync());
        await _site.InDbAsync(db => db.Database.ExecuteSqlAsync($"""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = {last}"""));
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
            await _site.InDbAsync(db => db.Database.ExecuteSqlAsync($"""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ({last}, {version})"""));
        }
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/readyz")).Status);
    }

    // Issue 24 (informational): the answer said the database's own error text (on PostgreSQL a host and a user name).
    [SqliteFact]
    public async Task Readiness_on_a_broken_database_is_503_without_the_databases_own_words()
    {
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/readyz")).Status);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await File.WriteAllBytesAsync(_site.DatabasePath, System.Text.Encoding.ASCII.GetBytes(new string('x', 8192)));

        var ready = await GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.Equal("databasen: svarar inte (se loggen)\n", ready.Body);
        Assert.DoesNotContain("not a database", ready.Body, StringComparison.OrdinalIgnoreCase);
    }
}
