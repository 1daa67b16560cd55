using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.RateLimiting;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>Settings of the admin area (appsettings section "Security").</summary>
public sealed class StaffSecurityOptions
{
    public const string Section = "Security";

    /// <summary>When true, an admin must turn on two-factor sign-in before doing anything else.</summary>
    public bool RequireTwoFactorForAdmins { get; set; }

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
        o.Cookie.Name = "registret.staff";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = false;
        o.LoginPath = SignInPath;
        o.LogoutPath = "/admin/logga-ut";
        o.AccessDeniedPath = "/admin/ingen-behorighet";
        o.ReturnUrlParameter = "tillbaka";
    }

    public static void ConfigureAntiforgery(AntiforgeryOptions o, IHostEnvironment environment)
    {
        o.Cookie.Name = "registret.af";
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    }

    public static void ConfigureRateLimiter(RateLimiterOptions o, IConfiguration configuration)
    {
        var limit = configuration.GetSection(StaffSecurityOptions.Section).Get<StaffSecurityOptions>()?.SignInAttemptsPerMinute ?? 10;
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "okänd",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("läsning"));
    }

    /// <summary>
    /// The whole /Admin folder requires a member of staff; the account and organisation pages an admin.
    /// Only the sign-in pages are open.
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
    }
}
