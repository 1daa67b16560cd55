using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Web.OpenData;

/// <summary>
/// The read-only JSON API under /api/v1: stable English names, the same records as the downloads, open to
/// any origin for GET, and a problem-details 400 for a malformed parameter. Described at /api/v1/openapi.json.
/// </summary>
public static class Api
{
    public const string CorsPolicy = "open-data";
    public const int MaxPageSize = 100;

    /// <summary>The query keys /api/v1/projects reads: the output cache varies on these and ignores all others.</summary>
    public static readonly string[] ProjectQueryKeys = ["status", "municipality", "publisher", "financier", "goalArea", "q",
        "year", "budgetFrom", "budgetTo", "currency", "financierKind", "page", "pageSize"];

    public static IServiceCollection AddOpenDataApi(this IServiceCollection services)
    {
        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.AllowAnyOrigin().WithMethods("GET").AllowAnyHeader()));
        services.AddProblemDetails();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, context, _) =>
        {
            // The generator names the request's own host as the server; the site's one base address instead.
            if (context.ApplicationServices.GetService<IHttpContextAccessor>()?.HttpContext is { } http)
                document.Servers = [new OpenApiServer { Url = SiteOptions.BaseUrl(http.Request) }];
            document.Info = new OpenApiInfo
            {
                Title = "Projektregistret API",
                Version = "v1",
                Description = "Read-only data on grant-funded projects published by Leader offices and municipalities. "
                    + "Dates are ISO 8601 at the precision the source gives (year, month or day); amounts carry ISO 4217 currency codes. "
                    + "The data is released under CC0 1.0 (public domain dedication).",
                License = new OpenApiLicense { Name = "CC0 1.0", Url = new Uri("https://creativecommons.org/publicdomain/zero/1.0/") },
            };
            return Task.CompletedTask;
        }));
        return services;
    }

    public static IEndpointRouteBuilder MapOpenDataApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json").RequireCors(CorsPolicy);
        var api = app.MapGroup("/api/v1").RequireCors(CorsPolicy).WithTags("Projektregistret");
        // The response types are named so that the document describes every field of a project (results included).
        api.MapGet("/projects", ProjectsAsync).CacheOutput(Infrastructure.Caching.PublicCache.ApiProjectsPolicy).WithSummary("Projects, filtered and paged")
            .Produces<ProjectPage>();
        api.MapGet("/projects/{slug}", ProjectAsync).WithSummary("One project").Produces<ProjectRecord>();
        api.MapGet("/organisations", OrganisationsAsync).WithSummary("Publishers, owners, partners and financiers");
        api.MapGet("/municipalities", MunicipalitiesAsync).WithSummary("Sweden's 290 municipalities with their kommunkod");
        api.MapGet("/statuses", () => ProjectStatuses.All.Select(s => new CodeLabel(s.Slug, s.Label))).WithSummary("Project statuses");
        api.MapGet("/goal-areas", GoalAreasAsync).WithSummary("The goal areas (målområden) and direction goals of each publisher's strategy");
        return app;
    }

    public sealed record ProjectPage(string Licence, int Page, int PageSize, int Total, IReadOnlyList<ProjectRecord> Items);

    private static async Task<IResult> ProjectsAsync(
        HttpContext http, RegistryDbContext db, ProjectSearch search, TimeProvider clock,
        [FromQuery] string[]? status, [FromQuery] string[]? municipality, string? publisher, string? financier,
        string? goalArea, string? q, string? page, string? pageSize,
        [Description("Projects active at some time in this year (start year to end year), e.g. 2021.")] string? year,
        [Description("The least total budget, in whole units of `currency` (SEK if not given).")] string? budgetFrom,
        [Description("The greatest total budget, in whole units of `currency` (SEK if not given).")] string? budgetTo,
        [Description("Only budgets in this ISO 4217 currency: SEK, EUR or NOK.")] string? currency,
        [Description("Projects with at least one financier of this kind: eu, statlig, region, kommun or privat.")] string? financierKind)
    {
        var errors = new Dictionary<string, string[]>();
        // The pages' reading of a list (ProjectFilter.ListValues): duplicates dropped, and beyond the bound a 400,
        // since an API client, unlike a reader, can be told exactly what to send.
        var statusValues = ProjectFilter.ListValues(status);
        var statuses = new List<ProjectStatus>();
        foreach (var s in statusValues.Values)
        {
            if (ProjectStatuses.TryParseSlug(s, out var parsed)) { if (!statuses.Contains(parsed)) statuses.Add(parsed); }
            else errors["status"] = [$"Unknown status '{Shorten(s)}'. Use one of: {string.Join(", ", ProjectStatuses.All.Select(x => x.Slug))}."];
        }
        if (statusValues.Overflow) errors["status"] = [$"At most {ProjectFilter.MaxListValues} different statuses."];
        var municipalityValues = ProjectFilter.ListValues(municipality);
        var codes = municipalityValues.Values.ToList();
        if (codes.Any(c => !Municipality.IsValidCode(c))) errors["municipality"] = ["A municipality is its four-digit kommunkod, e.g. 2418."];
        if (municipalityValues.Overflow) errors["municipality"] = [$"At most {ProjectFilter.MaxListValues} different municipalities."];
        foreach (var (name, value) in new[] { ("publisher", publisher), ("financier", financier), ("goalArea", goalArea) })
            if (value is not null && !Slugs.IsValid(value)) errors[name] = ["Use the slug: a–z, 0–9 and hyphens."];
        var pageNumber = Number("page", page, 1, 1, 1_000_000);
        var size = Number("pageSize", pageSize, 20, 1, MaxPageSize);
        if (q is { Length: > ProjectFilter.MaxQueryLength }) errors["q"] = [$"At most {ProjectFilter.MaxQueryLength} characters."];
        int? activeYear = null;
        if (year is not null)
        {
            if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= ProjectFilter.MinYear and <= ProjectFilter.MaxYear) activeYear = y;
            else errors["year"] = [$"A year from {ProjectFilter.MinYear} to {ProjectFilter.MaxYear}."];
        }
        long? Amount(string name, string? text)
        {
            if (text is null) return null;
            if (ProjectFilter.TryParseAmount(text, out var amount)) return amount;
            errors[name] = [$"A whole number from 0 to {ProjectFilter.MaxBudget}."];
            return null;
        }
        var from = Amount("budgetFrom", budgetFrom);
        var to = Amount("budgetTo", budgetTo);
        if (from > to) errors["budgetTo"] = ["budgetTo must not be less than budgetFrom."];
        string? currencyCode = null;
        if (currency is not null)
        {
            currencyCode = Money.SupportedCurrencies.FirstOrDefault(c => string.Equals(c, currency, StringComparison.OrdinalIgnoreCase));
            if (currencyCode is null) errors["currency"] = [$"Use one of: {string.Join(", ", Money.SupportedCurrencies)}."];
        }
        FinancierKind? kind = null;
        if (financierKind is not null)
        {
            if (FinancierKinds.TryParseSlug(financierKind, out var k)) kind = k;
            else errors["financierKind"] = [$"Use one of: {string.Join(", ", FinancierKinds.All.Select(x => x.Slug))}."];
        }
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "One or more query parameters are malformed.");

        var filter = new ProjectFilter
        {
            Statuses = statuses, Municipalities = codes, Organisation = publisher, Financier = financier,
            GoalArea = goalArea, Query = string.IsNullOrWhiteSpace(q) ? null : q,
            Year = activeYear, BudgetFrom = from, BudgetTo = to, Currency = currencyCode, FinancierKind = kind,
        };
        // The total and the page's ids in order from the index; the records from the database.
        var result = await search.RunAsync(filter, new SearchRequest { Skip = (pageNumber - 1) * size, Take = size }, http.RequestAborted);
        var items = await ProjectRecord.LoadAsync(db, result.Ids, SiteOptions.BaseUrl(http.Request), Today(clock), http.RequestAborted);
        return Results.Ok(new ProjectPage(Downloads.Licence, pageNumber, size, result.Total, items));

        int Number(string name, string? text, int fallback, int min, int max)
        {
            if (text is null) return fallback;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
            errors[name] = [$"A whole number from {min} to {max}."];
            return fallback;
        }
    }

    private static async Task<IResult> ProjectAsync(string slug, HttpContext http, RegistryDbContext db, TimeProvider clock)
    {
        var ids = await db.PublicProjects.Where(p => p.Slug == slug).Select(p => p.Id).ToListAsync(http.RequestAborted);
        var records = await ProjectRecord.LoadAsync(db, ids, SiteOptions.BaseUrl(http.Request), Today(clock), http.RequestAborted);
        return records.Count == 0
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No public project has that slug.")
            : Results.Ok(records[0]);
    }

    private static async Task<IResult> OrganisationsAsync(RegistryDbContext db) =>
        Results.Ok((await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync())
            .Select(o => new { Organisation = OrganisationRef.From(o), o.Country, o.WebsiteUrl, IsPublisher = o.ListTitle != null, o.ListTitle }));

    private static async Task<IResult> MunicipalitiesAsync(RegistryDbContext db) =>
        Results.Ok(await db.Municipalities.AsNoTracking().OrderBy(m => m.Code)
            .Select(m => new { m.Code, m.Name, m.CountyCode, m.CountyName }).ToListAsync());

    private static async Task<IResult> GoalAreasAsync(RegistryDbContext db) =>
        Results.Ok(await db.GoalAreas.AsNoTracking().OrderBy(g => g.Organisation.Name).ThenBy(g => g.Position)
            .Select(g => new { Publisher = g.Organisation.Slug, g.Slug, g.Name, DirectionGoals = g.DirectionGoals.OrderBy(d => d.Position).Select(d => d.Name).ToList() })
            .ToListAsync());

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
