using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// The real app as its own process (<c>dotnet ProjectRegistry.Web.dll</c>, built next to the tests because the
/// test project references the web project), on a temporary SQLite file: for the commands as the README writes
/// them, for start-up failures, and for killing the server with SIGKILL.
/// </summary>
public sealed class RegistryProcess : IDisposable
{
    private const string Name = "registret-under-test";

    /// <summary>
    /// The same assembly under a name of its own (with its deps and runtimeconfig), as bench/run.sh does: on a
    /// shared machine someone stopping their own site with <c>pkill -f ProjectRegistry.Web</c> would otherwise
    /// stop these tests' servers too (a SIGTERM, exit code 143).
    /// </summary>
    private static readonly Lazy<string> AppDll = new(() =>
    {
        var original = Path.Combine(AppContext.BaseDirectory, "ProjectRegistry.Web");
        Assert.True(File.Exists(original + ".dll"), $"{original}.dll saknas: testprojektet ska referera webbprojektet.");
        foreach (var suffix in new[] { ".deps.json", ".runtimeconfig.json", ".dll" })
        {
            var copy = Path.Combine(AppContext.BaseDirectory, Name + suffix);
            var temporary = $"{copy}.{Guid.NewGuid():N}";
            File.Copy(original + suffix, temporary);
            File.Move(temporary, copy, overwrite: true);
        }
        return Path.Combine(AppContext.BaseDirectory, Name + ".dll");
    });

    public RegistryProcess(string? databasePath = null)
    {
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), $"projektregistret-test-{Guid.NewGuid():N}.db");
    }

    public string DatabasePath { get; }

    /// <summary>Environment settings of every start, over the defaults (e.g. Database__Provider for PostgreSQL).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    public string LogDirectory { get; } = Path.Combine(Path.GetTempPath(), $"projektregistret-test-logs-{Guid.NewGuid():N}");

    public sealed record Outcome(int ExitCode, string Out, string Error)
    {
        public string All => Out + Error;

        public override string ToString() => $"kod {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
    }

    /// <summary>Runs a command (or a start that is expected to end by itself) and waits for it to exit.</summary>
    public async Task<Outcome> RunAsync(string? stdin, params string[] args)
    {
        using var process = Start(args, redirectInput: stdin is not null);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet ProjectRegistry.Web.dll {string.Join(' ', args)} avslutades inte inom två minuter.\n{await output}\n{await error}");
        }
        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the site on a free loopback port and waits until /readyz answers 200.</summary>
    public async Task<Server> StartServerAsync()
    {
        var server = StartServer();
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Starts the site without waiting for it, for a test that wants to catch it while it starts.</summary>
    public Server StartServer()
    {
        var port = FreePort();
        return new Server(Start(["--urls", $"http://127.0.0.1:{port}"], redirectInput: false), new Uri($"http://127.0.0.1:{port}"));
    }

    private Process Start(IEnumerable<string> args, bool redirectInput)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(AppDll.Value);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["ConnectionStrings__Registry"] = $"Data Source={DatabasePath}";
        info.Environment["SeedData__Path"] = SeedFiles.Root;
        info.Environment["Serilog__WriteTo__File__Args__path"] = Path.Combine(LogDirectory, "app-.log");
        // Development: the staff cookie is not marked Secure, so a plain-HTTP loopback client can sign in.
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        info.Environment["DOTNET_NOLOGO"] = "1";
        // The tests read many uncached pages from one address on purpose.
        info.Environment["Security__AnonymousUncachedPerMinute"] = "0";
        // Password-only sign-in (these tests run the binary for other things) and a key file of its own, removed with the database.
        info.Environment["Security__RequireTwoFactor"] = "false";
        info.Environment["DataProtection__KeyFile"] = DatabasePath + ".key";
        // Each process its own search index (two nodes on one machine must not share one), removed with the database.
        info.Environment["Search__IndexPath"] = DatabasePath + ".sokindex";
        foreach (var (key, value) in Settings) info.Environment[key] = value;
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet startade inte.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        TempDatabase.Delete(DatabasePath);
        foreach (var kept in Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!, Path.GetFileName(DatabasePath) + ".fore-restore-*"))
            File.Delete(kept);
        if (Directory.Exists(LogDirectory)) Directory.Delete(LogDirectory, recursive: true);
    }

    /// <summary>A running site; its console output is collected for the failure messages.</summary>
    public sealed class Server : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        public Server(Process process, Uri baseAddress)
        {
            _process = process;
            BaseAddress = baseAddress;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Uri BaseAddress { get; }

        public bool HasExited => _process.HasExited;

        public async Task WaitUntilReadyAsync()
        {
            using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            // Three minutes: a start JIT-compiles and builds its index, which took over a minute on a 2-core machine running the suite beside other builds.
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            while (DateTime.UtcNow < deadline)
            {
                if (_process.HasExited) Assert.Fail($"Webbplatsen avslutades vid starten (kod {_process.ExitCode}).\n{Output}");
                try
                {
                    using var response = await probe.GetAsync(new Uri("/readyz", UriKind.Relative));
                    if (response.StatusCode == HttpStatusCode.OK) return;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Busy starting.
                }
                await Task.Delay(100);
            }
            Kill();
            Assert.Fail($"Webbplatsen blev inte redo inom tre minuter.\n{Output}");
        }

        public string Output
        {
            get
            {
                lock (_output) return _output.ToString();
            }
        }

        private void Append(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
        }

        /// <summary>A client that keeps cookies and does not follow redirects, as the admin tests use.</summary>
        public HttpClient CreateClient() =>
            new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
            {
                BaseAddress = BaseAddress,
                Timeout = TimeSpan.FromSeconds(30),
            };

        /// <summary>SIGKILL on Linux: no shutdown code runs, exactly like a crash or the OOM killer.</summary>
        public void Kill()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }
    }
}
