using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// A PostgreSQL server for the tests, on loopback: the one named by <c>REGISTRY_TEST_POSTGRES</c> (a connection
/// string whose user may create databases), or else one this test run starts itself from Debian's packages
/// (<c>/usr/lib/postgresql/*/bin</c>) in a temporary folder, stopped when the run ends. Each app gets a database
/// of its own, dropped when the app is disposed.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer?> Instance = new(Start);
    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString, string description)
    {
        _adminConnectionString = adminConnectionString;
        Description = description;
    }

    public string Description { get; }

    /// <summary>The server, or null when none is configured and PostgreSQL is not installed.</summary>
    public static PostgresServer? Shared => Instance.Value;

    /// <summary>The server, or a failed test that says how to get one.</summary>
    public static PostgresServer Required => Shared ?? throw new InvalidOperationException(
        "PostgreSQL behövs för testet: installera Debians paket postgresql (apt-get install postgresql), eller ange REGISTRY_TEST_POSTGRES med en anslutning som får skapa databaser.");

    /// <summary>A new, empty database; its connection string.</summary>
    /// <summary>A new database, empty or (with <paramref name="template"/>, a database nobody is connected to) a copy of one.</summary>
    public async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = $"registry_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE \"{template ?? "template0"}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_adminConnectionString)
        {
            Database = name,
            // Many apps live side by side in a test run; idle connections go back quickly.
            MaxPoolSize = 30,
            ConnectionIdleLifetime = 15,
        }.ToString();
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static PostgresServer? Start()
    {
        if (Environment.GetEnvironmentVariable("REGISTRY_TEST_POSTGRES") is { Length: > 0 } configured)
            return new PostgresServer(configured, "REGISTRY_TEST_POSTGRES");
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null) return null;

        var folder = Path.Combine(Path.GetTempPath(), $"projektregistret-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        // initdb and postgres refuse to run as root: as root the server runs as Debian's postgres user.
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", null, "postgres:postgres", folder);
        var user = asRoot ? "postgres" : Environment.UserName;
        Run(Path.Combine(bin, "initdb"), asRoot, "-D", data, "-U", user, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        var port = LoopbackServers.FreePort();
        // Durability is not what these tests measure (the SIGKILL tests run on SQLite); fsync off keeps them fast.
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        Run(Path.Combine(bin, "pg_ctl"), asRoot, "-D", data, "-l", Path.Combine(folder, "server.log"), "-o", options, "-w", "start");
        // A watchdog stops the server and removes its folder when this test process is gone, however it ends
        // (a killed test host runs no exit handler), so no server outlives its run.
        var stop = $"{(asRoot ? "runuser -u postgres -- " : "")}{Path.Combine(bin, "pg_ctl")} -D {data} -m immediate stop";
        var watchdog = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        watchdog.ArgumentList.Add("-c");
        watchdog.ArgumentList.Add($"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf {folder}");
        Process.Start(watchdog)?.Dispose();
        return new PostgresServer($"Host=127.0.0.1;Port={port};Username={user};Database=postgres", $"{bin} på port {port}");
    }

    private static void Run(string program, bool? asPostgres, params string[] args)
    {
        var info = new ProcessStartInfo(asPostgres == true ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres == true)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program }) info.ArgumentList.Add(a);
        }
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} startade inte.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} misslyckades (kod {process.ExitCode}):\n{output.Result}\n{error.Result}");
    }
}
