using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Data.Seeding;

namespace ProjectRegistry.Web.Infrastructure;

/// <summary>Where the database lives, and bringing it up to date (migrate, then seed) at start-up.</summary>
public static class Database
{
    public const string ConnectionStringName = "Registry";

    /// <summary>Every context, the app's and a tool's, talks to SQLite with the Swedish collation registered.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(new SwedishCollation());

    /// <summary>A relative SQLite file path is taken from the content root, not from wherever the shell stands.</summary>
    public static string ResolveConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var raw = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} saknas i konfigurationen.");
        var csb = new SqliteConnectionStringBuilder(raw);
        if (csb.DataSource is { Length: > 0 } file && file != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var full = Path.GetFullPath(file, environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            csb.DataSource = full;
        }
        return csb.ToString();
    }

    /// <summary>Applies migrations and imports seed-data into an empty registry. False (and one clear log line) if that fails.</summary>
    public static async Task<bool> PrepareAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        try
        {
            await db.Database.MigrateAsync();
            var seedPath = app.Configuration["SeedData:Path"] is { Length: > 0 } configured
                ? Path.GetFullPath(configured, app.Environment.ContentRootPath)
                : Path.Combine(AppContext.BaseDirectory, "seed-data");
            await scope.ServiceProvider.GetRequiredService<SeedImporter>().ImportIfEmptyAsync(seedPath);
            await Security.StaffAccounts.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>());
            return true;
        }
        catch (SeedDataException e)
        {
            app.Logger.LogCritical("Start stopped: {Problem}", e.Message);
            return false;
        }
    }
}
