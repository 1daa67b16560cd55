using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using ProjectRegistry.Web.Infrastructure.Http;

namespace ProjectRegistry.Web.Pages.Feedback;

/// <summary>Settings of the feedback form (appsettings section "Feedback").</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>Messages one client address may send per hour; over it the answer is 429 with the Swedish page.</summary>
    public int MessagesPerClientPerHour { get; set; } = 10;
}

/// <summary>The limits on the public feedback form, which anyone may post to without a cookie.</summary>
public static class FeedbackLimits
{
    public const string Policy = "feedback";

    /// <summary>A message of 2,000 characters, each up to 6 bytes form-encoded, with room to spare: a longer one is
    /// refused with its text kept, a body beyond this gets the Swedish 413 page.</summary>
    public const long BodyBytes = 64 * 1024;

    public static void Configure(RateLimiterOptions o, IConfiguration configuration)
    {
        var limit = configuration.GetSection(FeedbackOptions.Section).Get<FeedbackOptions>()?.MessagesPerClientPerHour ?? 10;
        o.AddPolicy(Policy, context => HttpMethods.IsPost(context.Request.Method)
            // Per IPv4 address or IPv6 /64, as every anonymous limit (ClientKey).
            ? RateLimitPartition.GetFixedWindowLimiter(ClientKey.Of(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromHours(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(""));
    }
}
