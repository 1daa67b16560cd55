using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Data.Seeding;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Caching;
using ProjectRegistry.Web.Infrastructure.Cli;
using ProjectRegistry.Web.Infrastructure.Http;
using ProjectRegistry.Web.Infrastructure.Mail;
using ProjectRegistry.Web.Infrastructure.Security;
using ProjectRegistry.Web.Infrastructure.Text;
using ProjectRegistry.Web.OpenData;
using ProjectRegistry.Web.Uploads;
using Serilog;

// Swedish is the only language of the site: sorting, dates and numbers follow it everywhere.
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");

var builder = WebApplication.CreateBuilder(args);
// MapStaticAssets serves what the build's endpoint manifest names, gzip variants included; outside the published
// output those files live in obj/ and are found only through the build's static web assets manifest, which ASP.NET
// reads by itself in Development alone. Without it, Production from a checkout answered every browser's gzip
// request for a stylesheet or script with 200 and an empty body. In the published output there is no such manifest
// and this does nothing.
Microsoft.AspNetCore.Hosting.StaticWebAssets.StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
var command = CliCommand.Parse(args);
// A command prints its own answer; the host's information logs would only bury it.
if (command is not null) builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";

// Serilog from appsettings; built per host and never made the static Log.Logger, so that test hosts running
// side by side each write to their own sinks.
builder.Services.AddSerilog((services, lc) => lc
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext(), preserveStaticLogger: true);

// SQLite file under the content root unless configured otherwise (the folder is created on start), or a
// PostgreSQL server with Database:Provider = Postgres.
try
{
    builder.Services.AddRegistryDatabase(builder.Configuration, builder.Environment);
}
catch (DatabaseProblemException e)
{
    // A misspelt Database:Provider: said as the start's other problems are, before any logger exists.
    await Console.Error.WriteLineAsync($"[{DateTime.Now:HH:mm:ss} FTL] Starten avbröts: {e.Message}");
    return 1;
}
// A Site:PublicUrl, an embed origin, a proxy address or a mail setting that cannot be used stops the start the same way.
if ((SiteOptions.PublicUrlProblem(builder.Configuration) ?? SiteOptions.EmbedOriginsProblem(builder.Configuration) ?? ReverseProxy.Problem(builder.Configuration)
    ?? SmtpOptions.Problem(builder.Configuration)) is { } startProblem)
{
    await Console.Error.WriteLineAsync($"[{DateTime.Now:HH:mm:ss} FTL] Starten avbröts: {startProblem}");
    return 1;
}
// Sign-in cookies and antiforgery tokens are protected with keys kept in the database, so that several web
// nodes (and a restored backup) share them, each key encrypted with the key file (DataProtection:KeyFile), which is
// not in the database: a copy of the database alone cannot forge a cookie or read a TOTP secret.
builder.Services.AddDataProtection().SetApplicationName("projektregistret").PersistKeysToDbContext<RegistryDbContext>().ProtectKeysWithKeyFile();

// Anonymous public pages from the output cache, evicted by tag the moment staff save public data. With several
// web nodes the cache lives in Redis (ConnectionStrings:Redis), so an eviction on one node reaches them all.
builder.Services.AddSharedOutputCache(builder.Configuration);
builder.Services.AddOutputCache(PublicCache.Configure);
builder.Services.AddSingleton<PublicCacheEviction>();
// What misses the cache: a budget per anonymous client address, and few expensive answers computed at once.
builder.Services.Configure<PublicRequestLimitsOptions>(builder.Configuration.GetSection(PublicRequestLimitsOptions.Section));
builder.Services.AddSingleton<PublicRequestLimits>();
// Brotli or gzip for the public pages (never /admin, whose pages carry antiforgery tokens: BREACH).
builder.Services.AddResponseCompression(o =>
{
    o.EnableForHttps = true;
    o.MimeTypes = ["text/html", "text/css", "text/csv", "text/plain", "application/json", "application/xml", "application/atom+xml", "application/rdf+xml", "image/svg+xml"];
});
builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
// The OS lock on <db>.lock that tells restore and migrate the database is in use (held shared while running).
builder.Services.AddSingleton<DatabaseLock>();
// /healthz (process up) and /readyz (database answers, every migration applied).
builder.Services.AddRegistryHealthChecks();

// Staff accounts: ASVS-style passwords, lockout, PBKDF2 at 600,000 iterations, authenticator 2FA.
builder.Services.AddIdentity<StaffUser, IdentityRole>(StaffSecurity.ConfigureIdentity)
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
builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 600_000);
// The roles of a signed-in session are read again, and the cookie renewed, once a minute; the security stamp itself
// is compared on every request (StaffSecurity.ConfigureSessionLifetime), so that a sign-out ends the session at once.
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
builder.Services.ConfigureApplicationCookie(o => StaffSecurity.ConfigureCookie(o, builder.Environment));
// Idle and absolute session limits (Security:IdleTimeoutMinutes, Security:AbsoluteTimeoutHours).
builder.Services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
    .Configure<Microsoft.Extensions.Options.IOptions<StaffSecurityOptions>>((o, security) => StaffSecurity.ConfigureSessionLifetime(o, security.Value));
builder.Services.AddAntiforgery(o => StaffSecurity.ConfigureAntiforgery(o, builder.Environment));
builder.Services.Configure<StaffSecurityOptions>(builder.Configuration.GetSection(StaffSecurityOptions.Section));
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(StaffSecurity.StaffPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Editor))
    .AddPolicy(StaffSecurity.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));
builder.Services.AddHsts(o =>
{
    o.MaxAge = TimeSpan.FromDays(365);
    o.IncludeSubDomains = true;
});
// X-Forwarded-For and -Proto only from the proxies named under Proxy (none by default).
builder.Services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o => ReverseProxy.Configure(o, builder.Configuration));
// Sign-in attempts per client address and per account; over the limit the answer is 429 with a Swedish page.
builder.Services.AddRateLimiter(o => StaffSecurity.ConfigureRateLimiter(o, builder.Configuration));
// The public feedback form: messages per client address and hour (Feedback:MessagesPerClientPerHour).
builder.Services.AddRateLimiter(o => ProjectRegistry.Web.Pages.Feedback.FeedbackLimits.Configure(o, builder.Configuration));

builder.Services.AddRazorPages(o =>
    {
        StaffSecurity.ProtectAdminFolder(o.Conventions);
        // A POST to an admin page that finds none of its handlers is a 400, not a page rendered without its data.
        o.Conventions.AddFolderApplicationModelConvention("/Admin", m => m.Filters.Add(new HandlerRequiredFilter()));
        // A readable address for a new project; links are always generated to /admin/projekt/{id}.
        o.Conventions.AddPageRouteModelConvention("/Admin/Projects/Edit", model => model.Selectors.Add(new()
        {
            AttributeRouteModel = new() { Template = "admin/projekt/ny", SuppressLinkGeneration = true },
        }));
        // The project form's "Förhandsvisa" posts to the public project page, which shows the form's unsaved content to
        // staff who may edit it (DetailsModel.OnPostPreviewAsync); an admin address, so never compressed or public.
        o.Conventions.AddPageRouteModelConvention("/Projects/Details", model =>
        {
            model.Selectors.Add(new() { AttributeRouteModel = new() { Template = "admin/projekt/{id:int}/forhandsvisning", SuppressLinkGeneration = true } });
            model.Selectors.Add(new() { AttributeRouteModel = new() { Template = "admin/projekt/ny/forhandsvisning", SuppressLinkGeneration = true } });
        });
    })
    .AddMvcOptions(o =>
    {
        o.Filters.Add<StaffPageFilter>();
        SwedishBindingMessages.Apply(o.ModelBindingMessageProvider);
    });
builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<MarkdownRenderer>();
// The municipality boundaries are parsed and projected once, on the first map drawn.
builder.Services.AddSingleton(_ => ProjectRegistry.Web.Pages.Statistics.SwedenMap.Load());
builder.Services.AddScoped<SeedImporter>();
// This node's search index (Search:IndexPath): every public list, count and sum; it follows the database.
builder.Services.AddSingleton<ProjectRegistry.Web.Search.SearchIndex>();
builder.Services.AddScoped<ProjectRegistry.Web.Search.ProjectSearch>();
builder.Services.AddSingleton<ProjectRegistry.Web.Search.DisplayNames>();
builder.Services.AddScoped<AuditLog>();
// The audit log keeps its events for Security:AuditLogRetentionDays (two years); older ones are deleted daily.
builder.Services.Configure<AuditLogOptions>(builder.Configuration.GetSection(StaffSecurityOptions.Section));
builder.Services.AddHostedService<AuditLogRetention>();
// Readers' feedback is kept for the admin's retention time (12 months by default); older messages are deleted daily.
builder.Services.AddSingleton<ProjectRegistry.Web.Pages.Feedback.FeedbackRetention>();
builder.Services.AddHostedService(s => s.GetRequiredService<ProjectRegistry.Web.Pages.Feedback.FeedbackRetention>());
builder.Services.AddScoped<StaffContext>();
// Invitation and reset links: only a hash of each is stored (AspNetUserTokens).
builder.Services.AddScoped<PasswordLinks>();
builder.Services.Configure<SiteOptions>(builder.Configuration.GetSection(SiteOptions.Section));
// Mail through Smtp:* (checked at the start above); without Smtp:Host nothing is sent and pages say so.
builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection(SmtpOptions.Section));
builder.Services.AddSingleton<MailOutbox>();
builder.Services.AddHostedService(s => s.GetRequiredService<MailOutbox>());
builder.Services.AddSingleton<Mailer>();
// Alerts by e-mail: a daily digest per confirmed alert, one node at a time (a lease in the database).
builder.Services.AddSingleton<ProjectRegistry.Web.Pages.Alerts.AlertDigests>();
builder.Services.AddHostedService(s => s.GetRequiredService<ProjectRegistry.Web.Pages.Alerts.AlertDigests>());
// The read-only open-data API: CORS for GET from anywhere, problem details, an OpenAPI document.
builder.Services.AddOpenDataApi();

var app = builder.Build();

// A command prepares the database as it needs (restore must not migrate the file it replaces), runs and exits.
if (command is not null) return await command.ExecuteAsync(app);
if (!await Database.PrepareAsync(app)) return 1;
if (!await Database.ReportAsync(app.Services, app.Logger, () => app.Services.GetRequiredService<ProjectRegistry.Web.Search.SearchIndex>().OpenAsync())) return 1;

// First: the real client's address and scheme when a trusted proxy forwards them (and plain http through it goes to https).
app.UseReverseProxy();
// Then, so that every log line of a request, the error handler's too, carries the request id.
app.UseRequestIdInLogs();
app.UseSecurityHeaders();
app.UseExceptionHandler("/fel/500");
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseStatusCodePagesWithReExecute("/fel/{0}");
// Kestrel keeps its default limits (8 kB request line, 32 kB headers); a query string longer than any filter gets
// the Swedish 414 page here, below Kestrel's limit, whose own 414 has no body.
app.Use(PublicRequestLimits.BoundQueryStringAsync);
// One line per request, through this host's logger (the middleware would otherwise use the static one).
app.UseSerilogRequestLogging(o => o.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
// Outside Development the admin's cookies are Secure only: over plain http, a redirect to https or a Swedish page.
app.UseAdminNeedsHttps();
app.UseRequestLocalization("sv-SE");
app.UseRouting();
app.UseCors();
// A page's [RequestSizeLimit] (sign-in: 16 kB) answered with 413 and the Swedish page, on any server; before the
// sign-in limiter reads the form.
app.UseRequestBodyLimits();
app.UseSignInAccountCount();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.Use(AcceptEncoding.NormaliseAsync);
app.UseOutputCache();
// Only cache misses get here: anonymous ones are counted per client address, expensive ones queue for a permit.
app.Use(app.Services.GetRequiredService<PublicRequestLimits>().LimitUncachedAsync);
// Inside the output cache, so that a cached page is stored compressed and served without compressing it again;
// that pays for Brotli's and gzip's better (slower) level, which keeps the largest pages within 40 kB.
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/admin"), a => a.UseResponseCompression());
// Probes for a load balancer or systemd: liveness without the database, readiness with it.
app.MapHealthEndpoints();
app.MapStaticAssets();
var publicData = app.MapGroup("").CacheOutput(PublicCache.Policy);
publicData.MapGet("/theme.css", SiteOptions.ThemeCss);
// An embed's accent colour: the publisher's (?organisation=), else the site's.
app.MapGet("/inbadda/tema.css", (string? organisation, RegistryDbContext db, Microsoft.Extensions.Options.IOptions<SiteOptions> site, CancellationToken ct) =>
    ProjectRegistry.Web.Pages.Embeds.EmbedFrame.ThemeCssAsync(organisation, db, site, ct)).CacheOutput(PublicCache.EmbedThemePolicy);
publicData.MapDownloads();
publicData.MapFindability();
publicData.MapOpenDataApi();
publicData.MapDataCatalog();
// Uploaded documents and pictures: immutable addresses with a year's browser cache, too large for the output cache.
app.MapProjectFiles();
app.MapRazorPages().WithStaticAssets();

await app.RunAsync();
return 0;

public partial class Program;
