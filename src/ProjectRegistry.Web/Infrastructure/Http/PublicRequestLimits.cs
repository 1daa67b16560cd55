using System.Threading.RateLimiting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ProjectRegistry.Web.Infrastructure.Http;

/// <summary>The limits on what anonymous readers can make the server compute (appsettings section "Security").</summary>
public sealed class PublicRequestLimitsOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Requests per client address and minute that the output cache does not answer, for readers who are not
    /// signed in; 0 turns the limit off. Cached pages never count; file downloads (/filer) do. A reader clicking
    /// through filters makes a few a minute; a script walking every combination makes thousands.
    /// </summary>
    public int AnonymousUncachedPerMinute { get; set; } = 120;

    /// <summary>
    /// Expensive answers (statistics, full exports, sitemap) computed at once when the cache misses; up to 32
    /// times as many more wait their turn, beyond that 503. 0: the number of processor cores.
    /// </summary>
    public int ExpensiveConcurrentRequests { get; set; }

    /// <summary>
    /// Uploaded files (/filer) sent at once, each read from the database as its client reads it and holding a
    /// connection meanwhile; up to 4 times as many more wait their turn, beyond that 503. 0: no limit.
    /// </summary>
    public int FileStreams { get; set; } = 32;

    /// <summary>Files one anonymous client may be downloading at once; one more gets 429. 0: no limit.</summary>
    public int FileStreamsPerClient { get; set; } = 4;
}

/// <summary>
/// Endpoint metadata: an answer that walks every matching project (statistics, a full export, the sitemap), so
/// that only a few are computed at once however many clients miss the cache together.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class ExpensiveAnswerAttribute : Attribute;

/// <summary>
/// What a request that misses the output cache may cost: a bound on the query string (a Swedish 414 below
/// Kestrel's own bare one), a per-address budget of anonymous cache misses, and a concurrency limit on the
/// expensive answers; file downloads, which the cache never holds, count in the same budget and are sent a few at
/// a time. Everything the cache answers passes untouched, so a flood of one cached page costs nothing and counts
/// nothing.
/// </summary>
public sealed class PublicRequestLimits : IDisposable
{
    /// <summary>
    /// The longest query string (as sent, percent-encoded) the app reads. The longest filter a reader can build
    /// (50 municipalities, every status, a 200-character search in Swedish) is under 2 kB; this is well below
    /// Kestrel's default 8 kB request line, so a longer address gets the Swedish 414 page rather than Kestrel's
    /// empty one, which only a request line over 8 kB still gets.
    /// </summary>
    public const int MaxQueryStringLength = 6 * 1024;

    private readonly PartitionedRateLimiter<HttpContext>? _perClient;
    private readonly ConcurrencyLimiter _expensive;
    private readonly ConcurrencyLimiter? _fileStreams;
    private readonly PartitionedRateLimiter<HttpContext>? _fileStreamsPerClient;

    public PublicRequestLimits(IOptions<PublicRequestLimitsOptions> options)
    {
        var o = options.Value;
        if (o.AnonymousUncachedPerMinute > 0)
        {
            _perClient = PartitionedRateLimiter.Create<HttpContext, string>(c => RateLimitPartition.GetFixedWindowLimiter(
                ClientKey.Of(c),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = o.AnonymousUncachedPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        }
        var permits = o.ExpensiveConcurrentRequests > 0 ? o.ExpensiveConcurrentRequests : Environment.ProcessorCount;
        _expensive = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = permits,
            // Waiting costs a connection and no CPU: enough room that a busy minute queues rather than fails.
            QueueLimit = permits * 32,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        if (o.FileStreams > 0)
        {
            _fileStreams = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = o.FileStreams, QueueLimit = o.FileStreams * 4, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
        }
        if (o.FileStreamsPerClient > 0)
        {
            _fileStreamsPerClient = PartitionedRateLimiter.Create<HttpContext, string>(c => RateLimitPartition.GetConcurrencyLimiter(
                ClientKey.Of(c), _ => new ConcurrencyLimiterOptions { PermitLimit = o.FileStreamsPerClient, QueueLimit = 0 }));
        }
    }

    /// <summary>Answers a query string over <see cref="MaxQueryStringLength"/> with 414 (the Swedish page, or problem details under /api).</summary>
    public static async Task BoundQueryStringAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.QueryString.Value is { Length: > MaxQueryStringLength })
        {
            await RejectAsync(context, StatusCodes.Status414UriTooLong, null,
                $"The query string is longer than {MaxQueryStringLength} characters.");
            return;
        }
        await next(context);
    }

    /// <summary>After the output cache: only what it did not answer gets here.</summary>
    public async Task LimitUncachedAsync(HttpContext context, RequestDelegate next)
    {
        // A public answer the cache could have served (not an asset, an admin page or an error page).
        if (context.Features.Get<IOutputCacheFeature>()?.Context is not { EnableOutputCaching: true })
        {
            await next(context);
            return;
        }
        if (!await WithinBudgetAsync(context)) return;
        if (context.GetEndpoint()?.Metadata.GetMetadata<ExpensiveAnswerAttribute>() is null)
        {
            await next(context);
            return;
        }
        using var permit = await _expensive.AcquireAsync(1, context.RequestAborted);
        if (!permit.IsAcquired)
        {
            await RejectAsync(context, StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(10), "The server is busy; try again in a moment.");
            return;
        }
        await next(context);
    }

    /// <summary>
    /// Counts a request of an anonymous reader in its client's budget, the one cache misses count in: also what the
    /// output cache never sees (a file download). False when over it, with the 429 answered.
    /// </summary>
    public async Task<bool> WithinBudgetAsync(HttpContext context)
    {
        if (_perClient is null || context.User.Identity?.IsAuthenticated == true) return true;
        using var lease = _perClient.AttemptAcquire(context);
        if (lease.IsAcquired) return true;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        await RejectAsync(context, StatusCodes.Status429TooManyRequests, wait, "Too many requests from this address; try again later.");
        return false;
    }

    /// <summary>
    /// The permits to send one file, held until it is sent: one of the client's own (anonymous readers) and one of
    /// the server's, waited for in turn. Null when there is none, with the 429 or 503 answered.
    /// </summary>
    public async Task<IDisposable?> FileStreamPermitAsync(HttpContext context)
    {
        RateLimitLease? own = null;
        if (_fileStreamsPerClient is not null && context.User.Identity?.IsAuthenticated != true)
        {
            own = _fileStreamsPerClient.AttemptAcquire(context);
            if (!own.IsAcquired)
            {
                own.Dispose();
                await RejectAsync(context, StatusCodes.Status429TooManyRequests, TimeSpan.FromSeconds(10), "Too many downloads at once from this address; try again later.");
                return null;
            }
        }
        if (_fileStreams is null) return new Permits(own, null);
        var shared = await _fileStreams.AcquireAsync(1, context.RequestAborted);
        if (shared.IsAcquired) return new Permits(own, shared);
        shared.Dispose();
        own?.Dispose();
        await RejectAsync(context, StatusCodes.Status503ServiceUnavailable, TimeSpan.FromSeconds(10), "The server is busy; try again in a moment.");
        return null;
    }

    private sealed class Permits(RateLimitLease? own, RateLimitLease? shared) : IDisposable
    {
        public void Dispose()
        {
            shared?.Dispose();
            own?.Dispose();
        }
    }

    /// <summary>The API answers in problem details (in English, as the rest of it); a page gets the Swedish error page (status code pages).</summary>
    private static async Task RejectAsync(HttpContext context, int status, TimeSpan? retryAfter, string apiTitle)
    {
        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
            context.Response.Headers[HeaderNames.RetryAfter] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (context.Request.Path.StartsWithSegments("/api"))
            await Results.Problem(statusCode: status, title: apiTitle).ExecuteAsync(context);
    }

    public void Dispose()
    {
        _perClient?.Dispose();
        _expensive.Dispose();
        _fileStreams?.Dispose();
        _fileStreamsPerClient?.Dispose();
    }
}
