using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Infrastructure.Http;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>Settings of the admin area (appsettings section "Security").</summary>
public sealed class StaffSecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Every member of staff must turn on two-factor sign-in before doing anything else, and cannot turn it off.
    /// False only for a local trial (appsettings.Development.json), never on the internet.
    /// </summary>
    public bool RequireTwoFactor { get; set; } = true;

    /// <summary>A session that makes no request for this long ends (ASVS V7: idle timeout).</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>A session ends this long after sign-in, however active (ASVS V7: absolute timeout).</summary>
    public int AbsoluteTimeoutHours { get; set; } = 8;

    /// <summary>Sign-in attempts (POSTs) per client address and minute before the answer is 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;
}

/// <summary>How staff sign in and what protects the admin area: one place for every security setting.</summary>
public static class StaffSecurity
{
    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";
    public const string SignInRateLimit = "sign-in";
    public const string SignInPath = "/admin/logga-in";

    public static void ConfigureIdentity(IdentityOptions o)
    {
        // ASVS 5.0: length, not composition.
        o.Password.RequiredLength = 12;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
    }

    public static void ConfigureCookie(CookieAuthenticationOptions o, IHostEnvironment environment)
    {
        o.Cookie.Name = CookieName("registret.staff", environment);
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        o.LoginPath = SignInPath;
        o.LogoutPath = "/admin/logga-ut";
        o.AccessDeniedPath = "/admin/ingen-behorighet";
        o.ReturnUrlParameter = "tillbaka";
    }

    /// <summary>Where the sign-in time is kept in the cookie; renewals copy it, only a new sign-in sets it.</summary>
    private const string SignedInAtItem = "registret.signed-in";

    /// <summary>
    /// The idle limit is the cookie's own sliding expiry: every request (each one renewed by the security stamp
    /// check) moves it on. The absolute limit is the sign-in time kept in the cookie, checked before the stamp.
    /// Both read the clock from the options' TimeProvider, which is the app's registered one.
    /// </summary>
    public static void ConfigureSessionLifetime(CookieAuthenticationOptions o, StaffSecurityOptions settings)
    {
        o.ExpireTimeSpan = TimeSpan.FromMinutes(settings.IdleTimeoutMinutes);
        o.SlidingExpiration = true;
        var absolute = TimeSpan.FromHours(settings.AbsoluteTimeoutHours);
        var signingIn = o.Events.OnSigningIn;
        o.Events.OnSigningIn = context =>
        {
            var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            context.Properties.Items.TryAdd(SignedInAtItem, now.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            return signingIn(context);
        };
        var validateStamp = o.Events.OnValidatePrincipal;
        o.Events.OnValidatePrincipal = async context =>
        {
            var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
            var signedIn = context.Properties.Items.TryGetValue(SignedInAtItem, out var text)
                && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
                ? at
                : DateTimeOffset.MinValue;
            if (now - signedIn > absolute || !await StampIsCurrentAsync(context))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                return;
            }
            await validateStamp(context);
        };
    }

    /// <summary>
    /// The cookie's security stamp against the account's, on every request: one primary-key lookup of one column,
    /// so that a sign-out (which gives the account a new stamp), a disabled account or a reset password ends every
    /// copy of the session at once. Identity's own validator, which also rebuilds the roles and renews the cookie,
    /// runs once a minute (SecurityStampValidatorOptions in Program.cs): on every request it made /admin/mitt-konto
    /// take 10.5 ms instead of 3.9 ms (measured, 400 requests, SQLite).
    /// </summary>
    private static async Task<bool> StampIsCurrentAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = context.Principal?.FindFirst(claims.UserIdClaimType)?.Value;
        var stamp = context.Principal?.FindFirst(claims.SecurityStampClaimType)?.Value;
        if (userId is null || stamp is null) return false;
        var current = await services.GetRequiredService<Data.RegistryDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync();
        return current == stamp;
    }

    public static void ConfigureAntiforgery(AntiforgeryOptions o, IHostEnvironment environment)
    {
        o.Cookie.Name = CookieName("registret.af", environment);
        o.Cookie.Path = "/";
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    }

    public static void ConfigureTempDataCookie(Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions o, IHostEnvironment environment)
    {
        o.Cookie.Name = CookieName("registret.meddelande", environment);
        o.Cookie.Path = "/";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    }

    public static void ConfigureTwoFactorCookie(CookieAuthenticationOptions o, IHostEnvironment environment)
    {
        o.Cookie.Name = CookieName(o.Cookie.Name is { } name && name.StartsWith("Identity.", StringComparison.Ordinal)
            ? "registret." + name["Identity.".Length..] : "registret.2fa", environment);
        o.Cookie.Path = "/";
        o.Cookie.HttpOnly = true;
        o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    }

    // Outside Development every cookie of the app is always Secure, so they carry the __Host- prefix: a browser then accepts
    // them only Secure, with Path=/ and no Domain, so a neighbouring subdomain can neither set nor overwrite them.
    // In Development over http a browser would refuse a __Host- cookie, so the plain name is kept there.
    private static string CookieName(string name, IHostEnvironment environment) =>
        environment.IsDevelopment() ? name : "__Host-" + name;

    // The e-mail field of the sign-in form (SignInModel.Input.Email), which the per-account limit counts by.
    private const string SignInEmailField = "Input.Email";

    // The sign-in form is an e-mail, a password, a token and a return address; these bounds leave room for that
    // and keep a hostile body from being buffered before the limit is even counted.
    private static readonly FormOptions SignInFormBounds = new()
    {
        ValueCountLimit = 16, KeyLengthLimit = 128, ValueLengthLimit = 8 * 1024, MultipartBodyLengthLimit = 16 * 1024,
        MultipartHeadersCountLimit = 8, MultipartHeadersLengthLimit = 2 * 1024, BufferBody = false,
    };

    private static readonly object SignInAccountKey = new();

    public static void ConfigureRateLimiter(RateLimiterOptions o, IConfiguration configuration)
    {
        var limit = configuration.GetSection(StaffSecurityOptions.Section).Get<StaffSecurityOptions>()?.SignInAttemptsPerMinute ?? 10;
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        // Every 429 of a limiter (sign-in, the public forms) says when to try again (issue 24): when the window ends, else a minute.
        o.OnRejected = (context, _) =>
        {
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
            context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };
        // Two counts for every attempt: per client address (one address cannot try many accounts) and per account
        // (many addresses cannot try one account, and one address flooding only slows the accounts it names, not
        // everyone's sign-in). The address is counted per IPv4 address or IPv6 /64, as every anonymous limit (ClientKey).
        var window = new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
        var attempts = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<SignInAttempt, string>(a => RateLimitPartition.GetFixedWindowLimiter(a.Address, _ => window)),
            PartitionedRateLimiter.Create<SignInAttempt, string>(a => a.Account is null
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.GetFixedWindowLimiter(a.Account, _ => window)));
        o.AddPolicy(SignInRateLimit, context =>
        {
            if (!HttpMethods.IsPost(context.Request.Method)) return RateLimitPartition.GetNoLimiter(SignInAttempt.Reading);
            var attempt = new SignInAttempt(ClientKey.Of(context), context.Items[SignInAccountKey] as string);
            return RateLimitPartition.Get(attempt, a => new SignInAttemptLimiter(attempts, a));
        });
    }

    /// <summary>
    /// Reads the e-mail of a sign-in POST for the per-account limit, just before the rate limiter. Here and not in
    /// the limiter's partitioner, which is synchronous: reading a slow client's body there would block a thread.
    /// The form is read within <see cref="SignInFormBounds"/> and kept for the page, which reads it from here.
    /// </summary>
    public static IApplicationBuilder UseSignInAccountCount(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType
            && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SignInRateLimit)
        {
            var form = new FormFeature(context.Request, SignInFormBounds);
            context.Features.Set<IFormFeature>(form);
            try
            {
                var email = (await form.ReadFormAsync(context.RequestAborted))[SignInEmailField].ToString().Trim();
                // Identity's own normalisation, so that "Anna@X.se " and "anna@x.se" are one account; an address
                // longer than any e-mail (254) is cut, so a key never grows with what was posted.
                if (email.Length > 0) context.Items[SignInAccountKey] = email[..Math.Min(email.Length, 254)].ToUpperInvariant();
            }
            catch (InvalidDataException)
            {
                // Over the bounds: not a sign-in form. 400, and nothing of it is read further.
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }
        await next(context);
    });

    private sealed record SignInAttempt(string Address, string? Account)
    {
        public static readonly SignInAttempt Reading = new("", null);
    }

    /// <summary>
    /// The rate limiter asks a policy for one limiter per partition; this one is the pair of shared counts above
    /// (its address and its account), so that both are taken for every attempt.
    /// </summary>
    private sealed class SignInAttemptLimiter(PartitionedRateLimiter<SignInAttempt> counts, SignInAttempt attempt) : RateLimiter
    {
        private long _lastUsed = System.Diagnostics.Stopwatch.GetTimestamp();

        // Idle partitions are dropped by the middleware after a while; the counts themselves live on above.
        public override TimeSpan? IdleDuration => System.Diagnostics.Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => counts.GetStatistics(attempt);

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref _lastUsed, System.Diagnostics.Stopwatch.GetTimestamp());
            return counts.AttemptAcquire(attempt, permitCount);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUsed, System.Diagnostics.Stopwatch.GetTimestamp());
            return counts.AcquireAsync(attempt, permitCount, cancellationToken);
        }
    }

    /// <summary>
    /// The whole /Admin folder requires a member of staff; the account and organisation pages an admin.
    /// Only the sign-in pages (and those that set a password from a link) are open.
    /// </summary>
    public static void ProtectAdminFolder(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Admin", StaffPolicy);
        conventions.AuthorizeFolder("/Admin/Accounts", AdminPolicy);
        conventions.AuthorizeFolder("/Admin/Organisations", AdminPolicy);
        conventions.AuthorizeFolder("/Admin/Municipalities", AdminPolicy);
        conventions.AuthorizeFolder("/Admin/SitePages", AdminPolicy);
        conventions.AuthorizePage("/Admin/AuditLog", AdminPolicy);
        conventions.AuthorizePage("/Admin/Projects/Bin", AdminPolicy);
        conventions.AllowAnonymousToPage("/Admin/SignIn");
        conventions.AllowAnonymousToPage("/Admin/SignInTwoFactor");
        conventions.AllowAnonymousToPage("/Admin/AccessDenied");
        conventions.AllowAnonymousToPage("/Admin/SetPassword");
        conventions.AllowAnonymousToPage("/Admin/ForgotPassword");
    }
}
