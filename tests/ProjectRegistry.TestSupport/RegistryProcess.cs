using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// The real app as its own process (<c>dotnet ProjectRegistry.Web.dll</c>, built next to the tests because the
/// test project references the web project, or as deployed: see <see cref="Launch"/>), on a temporary SQLite file:
/// for the commands as the README writes them, for start-up failures, for killing the server with SIGKILL, and for
/// the site as a server runs it.
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

    /// <summary>How the app is started; null: the test's own copy of the binary.</summary>
    public Launch? StartedAs { get; init; }

    /// <summary>
    /// Development by default: the staff cookie is not marked Secure, so a plain-HTTP loopback client can sign in.
    /// Production (with <see cref="Https"/>) is the site as a server runs it.
    /// </summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>When set, the server listens on https with this certificate instead of plain http.</summary>
    public TestCertificate? Https { get; init; }

    /// <summary>How long a command may take; <c>dotnet run</c> builds the app first.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A way to start the app as it is deployed: <c>dotnet</c>, then <paramref name="Arguments"/>, then the app's own
    /// arguments, in <paramref name="WorkingDirectory"/>.
    /// </summary>
    public sealed record Launch(string WorkingDirectory, IReadOnlyList<string> Arguments)
    {
        /// <summary>The README's "Operations": <c>dotnet ProjectRegistry.Web.dll</c> in the published folder.</summary>
        public static Launch Published(string folder) => new(folder, ["ProjectRegistry.Web.dll"]);

        /// <summary>The README's command for a checkout, from the repository's root.</summary>
        public static Launch Checkout(string repositoryRoot) =>
            new(repositoryRoot, ["run", "--no-launch-profile", "--project", "src/ProjectRegistry.Web", "--"]);

        /// <summary>The README's "Run it", with the launch profile (Development) that <c>dotnet run</c> applies.</summary>
        public static Launch CheckoutWithLaunchProfile(string repositoryRoot) =>
            new(repositoryRoot, ["run", "--project", "src/ProjectRegistry.Web", "--"]);

        public override string ToString() => $"dotnet {string.Join(' ', Arguments)} (i {WorkingDirectory})";
    }

    public sealed record Outcome(int ExitCode, string Out, string Error)
    {
        public string All => Out + Error;

        public override string ToString() => $"kod {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
    }

    /// <summary>Runs a command (or a start that is expected to end by itself) and waits for it to exit.</summary>
    public async Task<Outcome> RunAsync(string? stdin, params string[] args)
    {
        using var process = Start(args, redirectInput: stdin is not null);
        return await WaitAsync(process, stdin, CommandTimeout, $"{StartedAs?.ToString() ?? "dotnet ProjectRegistry.Web.dll"} {string.Join(' ', args)}");
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> in <paramref name="workingDirectory"/> (a build, a publish) to its end.</summary>
    public static async Task<Outcome> RunDotnetAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet startade inte.");
        return await WaitAsync(process, stdin: null, timeout, $"dotnet {string.Join(' ', args)}");
    }

    /// <summary>Feeds the process its input, collects its output and fails the test when it outlives <paramref name="timeout"/>.</summary>
    private static async Task<Outcome> WaitAsync(Process process, string? stdin, TimeSpan timeout, string description)
    {
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{description} avslutades inte inom {timeout.TotalMinutes} minuter.\n{await output}\n{await error}");
        }
        return new Outcome(process.ExitCode, await output, await error);
    }

    /// <summary>Starts the site on a free loopback port (https with <see cref="Https"/>) and waits until /readyz answers 200.</summary>
    public async Task<Server> StartServerAsync()
    {
        var server = StartServer();
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Starts the site without waiting for it, for a test that wants to catch it while it starts.</summary>
    public Server StartServer()
    {
        var address = new Uri($"{(Https is null ? "http" : "https")}://127.0.0.1:{FreePort()}");
        return new Server(Start(["--urls", address.GetLeftPart(UriPartial.Authority)], redirectInput: false), address, Https?.Certificate);
    }

    private Process Start(IEnumerable<string> args, bool redirectInput)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = StartedAs?.WorkingDirectory ?? AppContext.BaseDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in StartedAs?.Arguments ?? [AppDll.Value]) info.ArgumentList.Add(arg);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["ConnectionStrings__Registry"] = $"Data Source={DatabasePath}";
        info.Environment["SeedData__Path"] = SeedFiles.Root;
        info.Environment["Serilog__WriteTo__File__Args__path"] = Path.Combine(LogDirectory, "app-.log");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = EnvironmentName;
        if (Https is not null)
        {
            info.Environment["Kestrel__Certificates__Default__Path"] = Https.Path;
            info.Environment["Kestrel__Certificates__Default__Password"] = Https.Password;
        }
        info.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        info.Environment["DOTNET_NOLOGO"] = "1";
        // The tests read many uncached pages from one address on purpose.
        info.Environment["Security__AnonymousUncachedPerMinute"] = "0";
        // Password-only sign-in (these tests sign in with a password; two-factor sign-in has tests of its own) and a key
        // file of its own, removed with the database.
        info.Environment["Security__RequireTwoFactor"] = "false";
        info.Environment["DataProtection__KeyFile"] = DatabasePath + ".key";
        // Each process its own search index (two nodes on one machine must not share one), removed with the database.
        info.Environment["Search__IndexPath"] = DatabasePath + ".sokindex";
        info.Environment["Import__Folder"] = DatabasePath + ".import";
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
        private readonly X509Certificate2? _certificate;
        private readonly StringBuilder _output = new();

        /// <param name="certificate">The one certificate an https server is trusted with (the test's own).</param>
        public Server(Process process, Uri baseAddress, X509Certificate2? certificate = null)
        {
            _process = process;
            _certificate = certificate;
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
            using var probe = new HttpClient(Handler()) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
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
        public HttpClient CreateClient()
        {
            var handler = Handler();
            handler.AllowAutoRedirect = false;
            handler.UseCookies = true;
            handler.CookieContainer = new CookieContainer();
            return new(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        }

        private HttpClientHandler Handler()
        {
            var handler = new HttpClientHandler();
            if (_certificate is { } trusted)
                handler.ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == trusted.Thumbprint;
            return handler;
        }

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
