using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>The one way the tests start a server of their own (Redis, the SMTP server) on loopback.</summary>
public static class LoopbackServers
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Runs <paramref name="command"/> through a shell that stops it, and then runs <paramref name="cleanup"/>, when
    /// this test process is gone, however it ends (a killed test host runs no exit handler), so no server outlives
    /// its run. Returns once the server accepts connections on <paramref name="port"/>; throws, naming it, if it
    /// exits or does not answer within 20 seconds.
    /// </summary>
    public static void Start(string name, string command, int port, string cleanup = "")
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(
            $"{command} & r=$!; " +
            $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $r 2>/dev/null; do sleep 1; done; kill $r 2>/dev/null; {cleanup}");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} startade inte.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} avslutades vid starten (kod {process.ExitCode}).");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        process.Kill();
        throw new InvalidOperationException($"{name} svarade inte inom 20 sekunder.");
    }
}
