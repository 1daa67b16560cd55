using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// A Redis server for the multi-node tests: Debian's <c>redis-server</c> started by this test run on a free
/// loopback port, without persistence, and stopped when the run ends. Null when Redis is not installed.
/// </summary>
public sealed class RedisServer
{
    private static readonly Lazy<RedisServer?> Instance = new(Start);

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for ConnectionStrings:Redis.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static RedisServer? Shared => Instance.Value;

    public static RedisServer Required => Shared ?? throw new InvalidOperationException(
        "Redis behövs för testet: installera Debians paket redis-server (apt-get install redis-server).");

    private static RedisServer? Start()
    {
        const string program = "/usr/bin/redis-server";
        if (!File.Exists(program)) return null;
        var port = FreePort();
        // Through a shell that stops the server when this test process is gone, however it ends (a killed test
        // host runs no exit handler), so no server outlives its run.
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(
            $"{program} --port {port} --bind 127.0.0.1 --save '' --appendonly no --protected-mode yes & r=$!; " +
            $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $r 2>/dev/null; do sleep 1; done; kill $r 2>/dev/null");
        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server startade inte.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"redis-server avslutades vid starten (kod {process.ExitCode}).");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return new RedisServer(port);
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        process.Kill();
        throw new InvalidOperationException("redis-server svarade inte inom 20 sekunder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
