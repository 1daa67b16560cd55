using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Data.Seeding;
using ProjectRegistry.Web.Infrastructure;
using Serilog;

// Swedish is the only language of the site: sorting, dates and numbers follow it everywhere.
System.Globalization.CultureInfo.DefaultThreadCurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");
System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");

var builder = WebApplication.CreateBuilder(args);

// Serilog from appsettings; built per host so that test hosts do not share a frozen logger.
builder.Services.AddSerilog((services, lc) => lc
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext());

// SQLite file under the content root unless configured otherwise; the folder is created on start.
builder.Services.AddDbContext<RegistryDbContext>(o =>
    Database.Configure(o, Database.ResolveConnectionString(builder.Configuration, builder.Environment)));

builder.Services.AddRazorPages();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<MarkdownRenderer>();
builder.Services.AddScoped<SeedImporter>();
builder.Services.Configure<SiteOptions>(builder.Configuration.GetSection(SiteOptions.Section));

// Long shared filter URLs (and hostile ones) reach the page and get a Swedish answer instead of a bare 414.
builder.WebHost.ConfigureKestrel(k =>
{
    k.Limits.MaxRequestLineSize = 64 * 1024;
    k.Limits.MaxRequestHeadersTotalSize = 96 * 1024;
});

var app = builder.Build();

if (!await Database.PrepareAsync(app)) return 1;

app.UseExceptionHandler("/fel/500");
app.UseStatusCodePagesWithReExecute("/fel/{0}");
app.UseSerilogRequestLogging();
app.UseRequestLocalization("sv-SE");
app.MapStaticAssets();
app.MapGet("/theme.css", SiteOptions.ThemeCss);
app.MapRazorPages().WithStaticAssets();

await app.RunAsync();
return 0;

public partial class Program;
