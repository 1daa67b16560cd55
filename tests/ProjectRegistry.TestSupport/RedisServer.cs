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
        var port = LoopbackServers.FreePort();
        LoopbackServers.Start("redis-server", $"{program} --port {port} --bind 127.0.0.1 --save '' --appendonly no --protected-mode yes", port);
        return new RedisServer(port);
    }
}
