using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Listing;

namespace ProjectRegistry.Tests.Pages.Projects;

/// <summary>The reading of issue 12's filters (ar, budget-fran, budget-till, valuta, finansiar-typ) from the query string.</summary>
public class FilterTests
{
    private static ProjectFilter Parse(params (string Key, string Value)[] pairs) =>
        ProjectFilter.Parse(new QueryCollection(pairs.GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => new StringValues(g.Select(p => p.Value).ToArray()))));

    [Fact]
    public void The_new_filters_are_read_and_round_trip_through_the_shareable_query_string()
    {
        var filter = Parse(("ar", "2021"), ("budget-fran", "100 000"), ("budget-till", "2\u00a0000\u00a0000"), ("valuta", "eur"), ("finansiar-typ", "region"));
        Assert.Empty(filter.Notes);
        Assert.Equal(2021, filter.Year);
        Assert.Equal(100_000, filter.BudgetFrom);
        Assert.Equal(2_000_000, filter.BudgetTo);
        Assert.Equal("EUR", filter.Currency);
        Assert.Equal(FinancierKind.Region, filter.FinancierKind);
        Assert.True(filter.IsFiltered);

        var query = filter.ToQueryString();
        Assert.Equal("?ar=2021&budget-fran=100000&budget-till=2000000&valuta=EUR&finansiar-typ=region", query);
        var again = ProjectFilter.Parse(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)));
        Assert.Equal(filter.ToQueryString(), again.ToQueryString());
    }

    [Fact]
    public void Every_new_key_is_a_cache_key()
    {
        foreach (var key in new[] { "ar", "budget-fran", "budget-till", "valuta", "finansiar-typ" })
            Assert.Contains(key, ProjectFilter.QueryKeys);
    }

    [Fact]
    public void A_reversed_budget_range_is_swapped_with_a_note()
    {
        var filter = Parse(("budget-fran", "500000"), ("budget-till", "100000"));
        Assert.Equal(100_000, filter.BudgetFrom);
        Assert.Equal(500_000, filter.BudgetTo);
        Assert.Contains(filter.Notes, n => n.Contains("bytt plats", StringComparison.Ordinal));
    }

    public static TheoryData<string, string> HostileValues => new()
    {
        { "ar", "1899" }, { "ar", "2101" }, { "ar", "-2021" }, { "ar", "2021.5" }, { "ar", "99999999999999999999" }, { "ar", new string('9', 10_000) },
        { "budget-fran", "-1" }, { "budget-fran", "1e9" }, { "budget-fran", "99999999999999999999" }, { "budget-fran", "1000000000000000001" },
        { "budget-fran", "10,5" }, { "budget-till", new string('1', 10_000) }, { "budget-till", "tusen" },
        { "valuta", "USD" }, { "valuta", new string('x', 10_000) },
        { "finansiar-typ", "EU" }, { "finansiar-typ", "stat" }, { "finansiar-typ", new string('e', 10_000) },
    };

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void A_value_that_makes_no_sense_is_ignored_with_a_short_Swedish_note(string key, string value)
    {
        var filter = Parse((key, value));
        var note = Assert.Single(filter.Notes);
        Assert.True(note.Length < 200, note);
        Assert.False(filter.IsFiltered);
        Assert.Equal("", filter.ToQueryString());
    }
}
