using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Tests.Search;

/// <summary>
/// A read of the whole registry (no filter: the statistics, the organisations, the municipalities, the start page)
/// adds up counts kept per index segment and takes out the segment's deleted documents; any filter counts the
/// matches one by one. Both must give the same numbers, before and after saves that delete documents from a
/// segment whose counts are already kept, or a reader of /statistik sees a project twice, or one that is gone.
/// </summary>
public sealed class ProjectSearchTests : IAsyncLifetime
{
    private const Counts Everything = Counts.Statuses | Counts.Municipalities | Counts.Publishers | Counts.Financiers | Counts.GoalAreas
        | Counts.FinancierKinds | Counts.Years | Counts.Budgets | Counts.StartYears | Counts.MunicipalityBudgets | Counts.FinancierAmounts
        | Counts.Owners | Counts.Partners | Counts.Places;

    private readonly RegistryAppFactory _app = new();

    public async Task InitializeAsync() => _ = await _app.CreateClient().GetAsync(new Uri("/robots.txt", UriKind.Relative));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(SearchResult Kept, SearchResult OneByOne)> BothAsync()
    {
        using var scope = _app.Services.CreateScope();
        var search = scope.ServiceProvider.GetRequiredService<ProjectSearch>();
        var kept = await search.RunAsync(new ProjectFilter(), new SearchRequest { Counts = Everything }, CancellationToken.None);
        // Every status chosen matches every public project, but as a filter: each match is counted on its own.
        var every = new ProjectFilter { Statuses = [.. ProjectStatuses.All.Select(s => s.Status)] };
        var oneByOne = await search.RunAsync(every, new SearchRequest { Counts = Everything }, CancellationToken.None);
        return (kept, oneByOne);
    }

    private static void AssertSame(SearchResult kept, SearchResult oneByOne)
    {
        Tally a = kept.Tally, b = oneByOne.Tally;
        Assert.Equal(b.Total, a.Total);
        Assert.Equal(b.Statuses, a.Statuses);
        Assert.Equal(kept.Municipalities(b), kept.Municipalities(a));
        Assert.Equal(kept.Publishers(b), kept.Publishers(a));
        Assert.Equal(kept.Financiers(b), kept.Financiers(a));
        Assert.Equal(kept.GoalAreas(b), kept.GoalAreas(a));
        Assert.Equal(kept.Owners(b), kept.Owners(a));
        Assert.Equal(kept.Partners(b), kept.Partners(a));
        Assert.Equal(b.FinancierKinds, a.FinancierKinds);
        Assert.Equal(b.Years.OrderBy(y => y.Key), a.Years.OrderBy(y => y.Key));
        Assert.Equal(b.StartYears.OrderBy(y => y.Key), a.StartYears.OrderBy(y => y.Key));
        Assert.Equal(b.WithoutStart, a.WithoutStart);
        Assert.Equal(b.BudgetCounts, a.BudgetCounts);
        Assert.Equal(b.BudgetSums, a.BudgetSums);
        Assert.Equal(b.MunicipalityBudgets, a.MunicipalityBudgets);
        Assert.Equal(b.FinancierAmounts, a.FinancierAmounts);
        Assert.Equal(b.FinancierWithoutAmount, a.FinancierWithoutAmount);
        Assert.Equal(b.Places, a.Places);
    }

    [Fact]
    public async Task The_whole_registry_counts_as_every_project_counted_one_by_one_before_and_after_saves()
    {
        var (kept, oneByOne) = await BothAsync();
        AssertSame(kept, oneByOne);
        Assert.Equal(await _app.InDbAsync(db => db.PublicProjects.CountAsync()), kept.Total);

        // Saves that replace documents of the segment whose counts are now kept: another status, another budget,
        // a municipality less, one project unpublished and one deleted.
        await _app.InDbAsync(async db =>
        {
            var projects = await db.Projects.Include(p => p.Municipalities).Where(p => p.IsPublished).OrderBy(p => p.Id).Take(5).ToListAsync();
            projects[0].Status = projects[0].Status == ProjectStatus.Closed ? ProjectStatus.Ongoing : ProjectStatus.Closed;
            projects[1].Budget = new Money(123_456_00, "EUR");
            if (projects[2].Municipalities.Count > 0) projects[2].Municipalities.RemoveAt(0);
            projects[3].IsPublished = false;
            db.Projects.Remove(projects[4]);
            return await db.SaveChangesAsync();
        });

        var (after, afterOneByOne) = await BothAsync();
        AssertSame(after, afterOneByOne);
        Assert.Equal(await _app.InDbAsync(db => db.PublicProjects.CountAsync()), after.Total);
        Assert.Equal(kept.Total - 2, after.Total);
        Assert.Contains(after.BudgetSums(after.Tally), m => m.Currency == "EUR" && m.MinorUnits >= 123_456_00);
    }
}
