using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>
/// The admin's start page (/admin): what needs doing in the projects the account may edit, each a count and a link to
/// the list filtered by it, and the list sortable by status, period and updated-at. "Now" is a fake clock's.
/// </summary>
public sealed class AdminStartPageTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 3, 15, 9, 0, 0, TimeSpan.Zero));
    private readonly RegistryAppFactory _app;
    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    public AdminStartPageTests() => _app = new RegistryAppFactory { Clock = _clock };

    public async Task InitializeAsync()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var financier = db.Organisations.Single(o => o.Slug == "tillvaxtverket");
        var publisher = new Organisation
        {
            Slug = "provlag", Name = "Provlag", Kind = OrganisationKind.LocalActionGroup, ListTitle = "Provlagets projekt", ContactRetentionMonths = 6,
        };
        db.Organisations.Add(publisher);
        db.Organisations.Add(new Organisation { Slug = "ny-forening", Name = "Ny förening", Kind = OrganisationKind.Association, Review = OrganisationReview.New, AddedBy = "redaktor@example.se", AddedAt = now });
        Project P(string title, ProjectStatus status, DateTime updated, bool published = true, bool budget = true, PartialDate? start = null, PartialDate? end = null)
        {
            var p = new Project
            {
                Slug = Slugs.From(title), Title = title, Status = status, Publisher = publisher, IsPublished = published,
                CreatedAt = updated, UpdatedAt = updated, Start = start, End = end,
                Budget = budget ? new Money(100_000_00, "SEK") : null,
            };
            if (budget) p.Financiers.Add(new ProjectFinancier { Organisation = financier, Amount = new Money(50_000_00, "SEK") });
            db.Projects.Add(p);
            return p;
        }
        P("Provprojekt utkast", ProjectStatus.Granted, now, published: false, start: Date(2026, 1));
        P("Provprojekt försenat", ProjectStatus.Ongoing, now, start: Date(2025, 1), end: Day(Today.AddMonths(-2)));
        P("Provprojekt pågår", ProjectStatus.Ongoing, now.AddDays(-3), start: Date(2026, 6), end: Date(Today.Year, 12));
        P("Provprojekt utan budget", ProjectStatus.Granted, now.AddDays(-1), budget: false, start: Date(2027, 1));
        P("Provprojekt gammalt", ProjectStatus.Granted, now.AddMonths(-13), start: Date(2024, 2));
        var soon = P("Provprojekt kontakter snart", ProjectStatus.Closed, now.AddDays(-20), start: Date(2024, 1), end: Day(Today.AddMonths(-6).AddDays(10)));
        soon.Contacts.Add(new ProjectContact { Name = "Anna Andersson", Email = "anna@example.se" });
        var gone = P("Provprojekt kontakter borta", ProjectStatus.Closed, now.AddDays(-20), start: Date(2023, 1), end: Day(Today.AddMonths(-8)));
        gone.Contacts.Add(new ProjectContact { Name = "Bo Berg", Email = "bo@example.se" });
        await db.SaveChangesAsync();
    }

    private static PartialDate Date(int year, int month) => PartialDate.TryParse($"{year:D4}-{month:D2}", out var d) ? d! : throw new ArgumentException("datum");
    private static PartialDate Day(DateOnly day) => PartialDate.TryParse(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), out var d) ? d! : throw new ArgumentException("datum");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Dictionary<string, int> Counts(IDocument page) =>
        page.QuerySelectorAll("ul.needs li").ToDictionary(li => li.QuerySelector("a")!.ReadableText(), li => int.Parse(li.QuerySelector(".needs__count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture));

    private static List<string> Titles(IDocument page) => page.QuerySelectorAll("table.admin-table tbody th a").Select(a => a.ReadableText()).ToList();

    [Fact]
    public async Task An_editor_sees_what_needs_doing_in_their_own_organisations_projects_each_linked_to_its_list()
    {
        var editor = await _app.SignedInAsAsync(Roles.Editor, "provlag");
        var page = await editor.GetPageAsync("/admin");

        var counts = Counts(page);
        Assert.Equal(1, counts["Utkast"]);
        Assert.Equal(1, counts["Slutdatumet har passerat"]);
        Assert.Equal(1, counts["Budget eller belopp saknas"]);
        Assert.Equal(1, counts["Kontaktuppgifter tas bort inom en månad"]);
        Assert.Equal(1, counts["Inte uppdaterade på 12 månader"]);
        // New organisations are the admins' to review.
        Assert.False(counts.ContainsKey("Nya organisationer att granska"));

        foreach (var (need, title) in new[]
        {
            ("utkast", "Provprojekt utkast"), ("slutdatum-passerat", "Provprojekt försenat"), ("ekonomi-saknas", "Provprojekt utan budget"),
            ("kontakter-tas-bort", "Provprojekt kontakter snart"), ("ej-uppdaterade", "Provprojekt gammalt"),
        })
        {
            Assert.NotNull(page.QuerySelector($"ul.needs a[href='/admin?behov={need}']"));
            var filtered = await editor.GetPageAsync($"/admin?behov={need}");
            Assert.Equal([title], Titles(filtered));
        }
    }

    [Fact]
    public async Task An_admin_sees_every_project_and_the_new_organisations_to_review()
    {
        var admin = await _app.SignedInAsAsync(Roles.Admin);
        var page = await admin.GetPageAsync("/admin");
        var counts = Counts(page);
        Assert.Equal(1, counts["Nya organisationer att granska"]);
        Assert.NotNull(page.QuerySelector("ul.needs a[href='/admin/organisationer?granskning=ny']"));
        // The seeded projects count too: more drafts than the editor's one is not asserted, only at least it.
        Assert.True(counts["Utkast"] >= 1);
    }

    [Fact]
    public async Task The_list_shows_status_period_and_updated_at_relative_and_exact_sortable_by_each_with_links()
    {
        var editor = await _app.SignedInAsAsync(Roles.Editor, "provlag");
        var page = await editor.GetPageAsync("/admin");

        // Newest change first by default; the exact time beside the relative one.
        Assert.Equal("Provprojekt utkast", Titles(page)[0]);
        var first = page.QuerySelector("table.admin-table tbody tr")!;
        Assert.Contains("i dag", first.ReadableText(), StringComparison.Ordinal);
        Assert.Contains("15 mars 2027 kl. 10:00", first.ReadableText(), StringComparison.Ordinal);
        Assert.Contains("för 1 år sedan", page.QuerySelectorAll("table.admin-table tbody tr").Single(r => r.ReadableText().Contains("gammalt", StringComparison.Ordinal)).ReadableText(), StringComparison.Ordinal);
        Assert.Equal("descending", page.QuerySelector("th[aria-sort]")!.GetAttribute("aria-sort"));

        var statusLink = page.QuerySelectorAll("thead a").Single(a => a.ReadableText().StartsWith("Status", StringComparison.Ordinal)).GetAttribute("href")!;
        Assert.Equal("/admin?sortera=status", statusLink);
        var byStatus = await editor.GetPageAsync(statusLink);
        Assert.Equal(["Beviljat", "Beviljat", "Beviljat", "Pågående", "Pågående", "Avslutat", "Avslutat"],
            byStatus.QuerySelectorAll("table.admin-table tbody tr td:nth-child(2)").Select(td => td.ReadableText()).ToList());
        // Pressed again, the other way.
        Assert.Equal("/admin?sortera=status&ordning=fallande", byStatus.QuerySelectorAll("thead a").Single(a => a.ReadableText().StartsWith("Status", StringComparison.Ordinal)).GetAttribute("href"));

        var byPeriod = await editor.GetPageAsync("/admin?sortera=period");
        Assert.Equal(["Provprojekt kontakter borta", "Provprojekt kontakter snart", "Provprojekt gammalt", "Provprojekt försenat", "Provprojekt utkast", "Provprojekt pågår", "Provprojekt utan budget"], Titles(byPeriod));
        Assert.Contains("januari 2025 – ", byPeriod.QuerySelectorAll("table.admin-table tbody tr").Single(r => r.ReadableText().Contains("försenat", StringComparison.Ordinal)).ReadableText(), StringComparison.Ordinal);

        // A need and a sort together: the links keep both.
        var filtered = await editor.GetPageAsync("/admin?behov=utkast&sortera=period");
        Assert.Equal("/admin?behov=utkast&sortera=period&ordning=fallande", filtered.QuerySelectorAll("thead a").Single(a => a.ReadableText().StartsWith("Period", StringComparison.Ordinal)).GetAttribute("href"));
    }
}
