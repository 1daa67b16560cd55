using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// Wraps the app's output cache store (whichever it is) and records the key of every entry written: each write
/// is one answer the app computed and kept.
/// </summary>
public sealed class RecordingCacheStore
{
    public ConcurrentQueue<string> Written { get; } = new();

    /// <summary>For <see cref="RegistryAppFactory.TestServices"/>.</summary>
    public void Install(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        services.Remove(registered);
        services.AddSingleton<IOutputCacheStore>(s => new Recorder(
            (IOutputCacheStore)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(s)
                ?? ActivatorUtilities.CreateInstance(s, registered.ImplementationType!)),
            Written));
    }

    /// <summary>The entries written for one path (the cache's keys hold it upper-cased).</summary>
    public List<string> For(string path) =>
        Written.Where(k => k.Contains(path + "\u001e", StringComparison.OrdinalIgnoreCase) || k.EndsWith(path, StringComparison.OrdinalIgnoreCase)).ToList();

    private sealed class Recorder(IOutputCacheStore inner, ConcurrentQueue<string> written) : IOutputCacheStore
    {
        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
        {
            written.Enqueue(key);
            return inner.SetAsync(key, value, tags, validFor, cancellationToken);
        }

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);
    }
}

/// <summary>
/// The connection's address as a TCP peer would give it, in tests only (the test server gives none, and with none
/// the forwarded-headers middleware would believe any X-Forwarded-For): the X-Test-Client header when a request
/// has one, so one test server can have requests from several addresses, else a fixed peer
/// (<see cref="RegistryAppFactory.PeerAddress"/>). Before the app's own pipeline, where the server sets it.
/// </summary>
public sealed class ClientAddressFromHeader(IPAddress? peer = null) : IStartupFilter
{
    public const string Header = "X-Test-Client";

    public static void Install(IServiceCollection services) => services.AddSingleton<IStartupFilter>(new ClientAddressFromHeader());

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers[Header].ToString() is { Length: > 0 } address) context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            else if (peer is not null) context.Connection.RemoteIpAddress = peer;
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>A client whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient From(HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
