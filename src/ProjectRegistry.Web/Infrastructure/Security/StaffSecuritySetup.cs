using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Http;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>Staff accounts and what guards them: keys, Identity, the session cookie, antiforgery, HSTS, sign-in limits, the audit log.</summary>
public static class StaffSecuritySetup
{
    /// <summary>
    /// Sign-in cookies and antiforgery tokens are protected with keys kept in the database, so that several web
    /// nodes (and a restored backup) share them, each key encrypted with the key file (DataProtection:KeyFile), which is
    /// not in the database: a copy of the database alone cannot forge a cookie or read a TOTP secret.
    /// </summary>
    public static IServiceCollection AddKeysInDatabase(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("projektregistret").PersistKeysToDbContext<RegistryDbContext>().ProtectKeysWithKeyFile();
        return services;
    }

    public static IServiceCollection AddStaffSecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Staff accounts: ASVS-style passwords, lockout, PBKDF2 at 600,000 iterations, authenticator 2FA.
        services.AddIdentity<StaffUser, IdentityRole>(StaffSecurity.ConfigureIdentity)
            .AddEntityFrameworkStores<RegistryDbContext>()
            // The TOTP secret encrypted and the recovery codes hashed in AspNetUserTokens.
            .AddUserStore<StaffUserStore>()
            .AddDefaultTokenProviders()
            // Each authenticator code is accepted once.
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<CommonPasswordValidator>()
            // Keyboard walks, sequences and the site's and account's own words, which the list cannot know.
            .AddPasswordValidator<PasswordStrengthValidator>()
            .AddErrorDescriber<SwedishIdentityErrors>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 600_000);
        // The roles of a signed-in session are read again, and the cookie renewed, once a minute; the security stamp itself
        // is compared on every request (StaffSecurity.ConfigureSessionLifetime), so that a sign-out ends the session at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o => StaffSecurity.ConfigureCookie(o, environment));
        // Idle and absolute session limits (Security:IdleTimeoutMinutes, Security:AbsoluteTimeoutHours).
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<StaffSecurityOptions>>((o, security) => StaffSecurity.ConfigureSessionLifetime(o, security.Value));
        services.AddAntiforgery(o => StaffSecurity.ConfigureAntiforgery(o, environment));
        // The status message after a save (TempData) and the half-signed-in state between password and 2FA code: the
        // same __Host- prefix and Secure flag as the session cookie (issue 24, L5).
        services.Configure<CookieTempDataProviderOptions>(o => StaffSecurity.ConfigureTempDataCookie(o, environment));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => StaffSecurity.ConfigureTwoFactorCookie(o, environment));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => StaffSecurity.ConfigureTwoFactorCookie(o, environment));
        services.Configure<StaffSecurityOptions>(configuration.GetSection(StaffSecurityOptions.Section));
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffSecurity.StaffPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Editor))
            .AddPolicy(StaffSecurity.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        // X-Forwarded-For and -Proto only from the proxies named under Proxy (none by default).
        services.Configure<ForwardedHeadersOptions>(o => ReverseProxy.Configure(o, configuration));
        // Sign-in attempts per client address and per account; over the limit the answer is 429 with a Swedish page.
        services.AddRateLimiter(o => StaffSecurity.ConfigureRateLimiter(o, configuration));
        return services;
    }

    /// <summary>The audit log keeps its events for Security:AuditLogRetentionDays (two years); older ones are deleted daily.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AuditLog>();
        services.Configure<AuditLogOptions>(configuration.GetSection(StaffSecurityOptions.Section));
        services.AddHostedService<AuditLogRetention>();
        return services;
    }

    /// <summary>From the request body's size to the signed-in user's roles, in this order.</summary>
    public static WebApplication UseStaffSecurity(this WebApplication app)
    {
        // A page's [RequestSizeLimit] (sign-in: 16 kB) answered with 413 and the Swedish page, on any server; before the
        // sign-in limiter reads the form.
        app.UseRequestBodyLimits();
        app.UseSignInAccountCount();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
