using System.Globalization;
using ProjectRegistry.Web.Data.Seeding;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Caching;
using ProjectRegistry.Web.Infrastructure.Cli;
using ProjectRegistry.Web.Infrastructure.Http;
using ProjectRegistry.Web.Infrastructure.Mail;
using ProjectRegistry.Web.Infrastructure.Security;
using ProjectRegistry.Web.Infrastructure.Text;
using ProjectRegistry.Web.OpenData;
using ProjectRegistry.Web.Pages;
using ProjectRegistry.Web.Pages.Embeds;
using ProjectRegistry.Web.Pages.Feedback;
using ProjectRegistry.Web.Search;
using ProjectRegistry.Web.Uploads;
using Serilog;

// Swedish is the only language of the site: sorting, dates and numbers follow it everywhere.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("sv-SE");

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
var services = builder.Services;

// Serilog from appsettings, per host and never the static Log.Logger: test hosts side by side keep their own sinks.
services.AddSerilog((s, lc) => lc.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(s).Enrich.FromLogContext(), preserveStaticLogger: true);
// A SQLite file (App_Data/ unless configured; its folder made on start), or PostgreSQL with Database:Provider = Postgres.
try
{
    services.AddRegistryDatabase(builder.Configuration, builder.Environment);
}
catch (DatabaseProblemException e)
{
    // A misspelt Database:Provider: said as the start's other problems are, before any logger exists.
    await Console.Error.WriteLineAsync($"[{DateTime.Now:HH:mm:ss} FTL] Starten avbröts: {e.Message}");
    return 1;
}
// A Site:PublicUrl, an embed origin, a proxy address or a mail setting that cannot be used stops the start the same way,
// and so does mail without an https Site:PublicUrl outside Development (the links in mails are built from it alone).
if ((SiteOptions.PublicUrlProblem(builder.Configuration) ?? SiteOptions.EmbedOriginsProblem(builder.Configuration) ?? ReverseProxy.Problem(builder.Configuration)
    ?? SmtpOptions.Problem(builder.Configuration) ?? SiteOptions.MailLinksProblem(builder.Configuration, builder.Environment)) is { } startProblem)
{
    await Console.Error.WriteLineAsync($"[{DateTime.Now:HH:mm:ss} FTL] Starten avbröts: {startProblem}");
    return 1;
}

services.AddKeysInDatabase();                                   // cookies and tokens signed with keys every node shares
services.AddPublicCaching(builder.Configuration);               // public pages from the output cache, evicted on a public save
services.AddSingleton<DatabaseLock>();                          // the lock on <db>.lock that tells restore and migrate the database is in use
services.AddRegistryHealthChecks();                             // /healthz (process up) and /readyz (database answers, every migration applied)
services.AddStaffSecurity(builder.Configuration, builder.Environment); // staff accounts, sessions, HSTS, trusted proxies, sign-in limits
services.AddRateLimiter(o => FeedbackLimits.Configure(o, builder.Configuration)); // the feedback form: messages per client address and hour
services.AddRegistryPages();                                    // Razor Pages, the admin folder protected
services.AddHttpContextAccessor();
services.AddSingleton(TimeProvider.System);
services.AddSingleton<MarkdownRenderer>();
services.AddSingleton(_ => ProjectRegistry.Web.Pages.Statistics.SwedenMap.Load()); // parsed and projected once, on the first map drawn
services.AddScoped<SeedImporter>();
services.AddSearch();                                           // this node's index: every public list, count and sum
services.AddAuditLog(builder.Configuration);                    // sign-ins and account changes, pruned daily
services.AddFeedbackRetention();                                // readers' messages deleted after the admin's retention time
services.AddScoped<StaffContext>();
services.AddScoped<PasswordLinks>();                            // invitation and reset links: only a hash of each is stored
services.Configure<SiteOptions>(builder.Configuration.GetSection(SiteOptions.Section));
services.AddMailAndAlerts(builder.Configuration);               // mail through Smtp:*, and the alerts' daily digests
services.AddOpenDataApi();                                      // read-only API: CORS for GET from anywhere, problem details, OpenAPI

var app = builder.Build();

// A command prepares the database as it needs (restore must not migrate the file it replaces), runs and exits.
if (command is not null) return await command.ExecuteAsync(app);
if (!await Database.PrepareAsync(app)) return 1;
if (!await Database.ReportAsync(app.Services, app.Logger, () => app.Services.GetRequiredService<SearchIndex>().OpenAsync())) return 1;

app.UseFrontDoor();                // the real client, request id, security headers, error pages, query limit, request log
app.UseRequestLocalization("sv-SE");
app.UseRouting();
app.UseCors();
app.UseStaffSecurity();            // body limits, rate limiters, authentication, authorization
app.UsePublicCaching();            // output cache, then what misses it: client budgets and compression
app.MapHealthEndpoints();          // probes for a load balancer or systemd: liveness without the database, readiness with it
app.MapStaticAssets();
app.MapPublicData();               // theme, downloads, findability, the API and the data catalog, cached
app.MapEmbedTheme();               // an embed's accent colour, per publisher
app.MapProjectFiles();             // uploaded documents and pictures: immutable addresses with a year's browser cache
app.MapRazorPages().WithStaticAssets();

await app.RunAsync();
return 0;

public partial class Program;
