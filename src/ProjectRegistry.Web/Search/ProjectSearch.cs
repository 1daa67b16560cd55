using Lucene.Net.Index;
using Lucene.Net.Search;
using ProjectRegistry.Web.Data;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Infrastructure.Text;
using ProjectRegistry.Web.Pages.Projects;
using ProjectRegistry.Web.Pages.Shared;

namespace ProjectRegistry.Web.Search;

/// <summary>What a public read wants of the index besides the number of matches.</summary>
public sealed record SearchRequest
{
    /// <summary>The matches to return in order: a page (Skip/Take), or every one (<see cref="All"/>).</summary>
    public int Skip { get; init; }
    public int Take { get; init; }
    public bool All { get; init; }
    /// <summary>The order; null: the filter's own (<see cref="ProjectFilter.EffectiveSort"/>).</summary>
    public ProjectSort? Sort { get; init; }
    /// <summary>What to count and sum over the matches.</summary>
    public Counts Counts { get; init; }
    /// <summary>The filter form's facets: each counted under every filter but its own.</summary>
    public bool Facets { get; init; }
    /// <summary>A highlighted snippet for each returned match of a text search.</summary>
    public bool Snippets { get; init; }
    /// <summary>Each returned match's row for a list (<see cref="SearchResult.Projects"/>), read from the index.</summary>
    public bool Summaries { get; init; }
    /// <summary>Only these projects (ids), when something other than the index chose them.</summary>
    public IReadOnlyCollection<int>? Only { get; init; }
    /// <summary>Only projects with a place on the map (for the newest markers).</summary>
    public bool WithPlaces { get; init; }
    /// <summary>Only projects this organisation (slug) owns, or is a partner in: lists of an organisation's page, not filters of /projekt.</summary>
    public string? Owner { get; init; }
    public string? Partner { get; init; }
}

/// <summary>The answer: the matches asked for, and the counts, each under the filters it depends on.</summary>
public sealed class SearchResult
{
    public int Total { get; init; }
    public IReadOnlyList<int> Ids { get; init; } = [];
    public IReadOnlyDictionary<int, string> Snippets { get; init; } = new Dictionary<int, string>();
    /// <summary>The returned matches as list rows, in order, with their snippets (when <see cref="SearchRequest.Summaries"/>).</summary>
    public IReadOnlyList<ProjectSummary> Projects { get; init; } = [];
    /// <summary>The counts over the matches.</summary>
    public required Tally Tally { get; init; }
    public required IndexNames Names { get; init; }
    /// <summary>Each facet's own counts where they differ from <see cref="Tally"/> (its filter is set).</summary>
    public IReadOnlyDictionary<ProjectFacet, Tally> FacetTallies { get; init; } = new Dictionary<ProjectFacet, Tally>();
    /// <summary>When the words had no match and one edit per word had: what was typed, and what was searched instead.</summary>
    public string? TypedQuery { get; init; }
    public string? SearchedQuery { get; init; }

    /// <summary>The tally a facet's counts come from.</summary>
    public Tally For(ProjectFacet facet) => FacetTallies.TryGetValue(facet, out var t) ? t : Tally;

    public Dictionary<ProjectStatus, int> Statuses(Tally t) =>
        ProjectStatuses.All.Where(s => t.Statuses[(int)s.Status] > 0).ToDictionary(s => s.Status, s => t.Statuses[(int)s.Status]);

    public Dictionary<string, int> Municipalities(Tally t) => ByName(t.Municipalities, Names.Municipalities);
    public Dictionary<string, int> Publishers(Tally t) => ByName(t.Publishers, Names.Organisations);
    public Dictionary<string, int> Financiers(Tally t) => ByName(t.Financiers, Names.Organisations);
    public Dictionary<string, int> GoalAreas(Tally t) => ByName(t.GoalAreas, Names.GoalAreas);
    public Dictionary<string, int> Owners(Tally t) => ByName(t.Owners, Names.Organisations);
    public Dictionary<string, int> Partners(Tally t) => ByName(t.Partners, Names.Organisations);

    public Dictionary<FinancierKind, int> FinancierKinds(Tally t) =>
        Domain.FinancierKinds.All.Where(k => t.FinancierKinds[(int)k.Kind] > 0).ToDictionary(k => k.Kind, k => t.FinancierKinds[(int)k.Kind]);

    /// <summary>The sums of the matches' budgets, per currency (never added across currencies).</summary>
    public IReadOnlyList<Money> BudgetSums(Tally t) => Sums(t.BudgetSums, 0, t.BudgetCounts);

    /// <summary>Projects with a budget in each currency.</summary>
    public Dictionary<string, int> BudgetCounts(Tally t) => Enumerable.Range(0, Money.SupportedCurrencies.Count)
        .Where(i => t.BudgetCounts[i] > 0).ToDictionary(i => Money.SupportedCurrencies[i], i => t.BudgetCounts[i]);

    /// <summary>The budgets of the matches in one municipality, per currency.</summary>
    public IReadOnlyList<Money> MunicipalityBudgets(Tally t, string code) =>
        Names.Municipalities.Find(code) is { } id && id * 3 < t.MunicipalityBudgets.Length ? Sums(t.MunicipalityBudgets, id * 3, null) : [];

    /// <summary>What an organisation gives the matches, per currency.</summary>
    public IReadOnlyList<Money> FinancierAmounts(Tally t, string slug) =>
        Names.Organisations.Find(slug) is { } id && id * 3 < t.FinancierAmounts.Length ? Sums(t.FinancierAmounts, id * 3, null) : [];

    /// <summary>What an organisation gives the matches in one currency (minor units; 0 when nothing).</summary>
    public long FinancierAmount(Tally t, string slug, string currency) =>
        Names.Organisations.Find(slug) is { } id && SegmentColumns.CurrencyIndex(currency) is var c and >= 0 && id * 3 + c < t.FinancierAmounts.Length
            ? t.FinancierAmounts[id * 3 + c] : 0;

    /// <summary>The matches' financing by kind of contribution, one per currency with an amount (never added across currencies).</summary>
    public IReadOnlyList<FinancingByKind> FinancingByKind(Tally t) => t.ContributionAmounts.Length == 0 ? [] : Enumerable.Range(0, Money.SupportedCurrencies.Count)
        .Select(c =>
        {
            long Of(Contribution kind) => t.ContributionAmounts[(int)kind * 3 + c];
            return new FinancingByKind(Money.SupportedCurrencies[c], Of(Contribution.Grant), Of(Contribution.PublicCofinancing), Of(Contribution.PrivateCash),
                Of(Contribution.VolunteerTime), Of(Contribution.DonatedResources), t.VolunteerHours[c] / 100m);
        })
        .Where(f => f.Total != 0)
        .ToList();

    public int FinancierWithoutAmount(Tally t, string slug) =>
        Names.Organisations.Find(slug) is { } id && id < t.FinancierWithoutAmount.Length ? t.FinancierWithoutAmount[id] : 0;

    private static List<Money> Sums(long[] sums, int offset, int[]? counts) => Enumerable.Range(0, Money.SupportedCurrencies.Count)
        .Where(i => counts is null ? sums[offset + i] != 0 : counts[i] > 0)
        .Select(i => new Money(sums[offset + i], Money.SupportedCurrencies[i]))
        .ToList();

    private static Dictionary<string, int> ByName(int[] counts, Names names)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < counts.Length; i++)
            if (counts[i] > 0) found[names[i]] = counts[i];
        return found;
    }
}

/// <summary>
/// Every public list, count and sum, from this node's index: a <see cref="ProjectFilter"/> as a Lucene query (the
/// user's words through <see cref="TextQuery"/>, every other filter an exact term or a numeric range), one pass
/// over the matches that counts what was asked and keeps the page, and one more pass for each facet whose own
/// filter is set. The database is asked only whether there are changes to apply first.
/// </summary>
public sealed class ProjectSearch(RegistryDbContext db, SearchIndex index)
{
    public async Task<SearchResult> RunAsync(ProjectFilter filter, SearchRequest request, CancellationToken ct)
    {
        await index.CatchUpAsync(db, ct);
        var searcher = index.Acquire();
        try
        {
            // Every segment's columns before the tallies are sized, so that no name is numbered during a count.
            foreach (var leaf in searcher.IndexReader.Leaves) SegmentColumns.For(leaf.AtomicReader, index.Names);
            var text = TextQuery.Parse(filter.Query);
            if (filter.Query is not null && text is null)
            {
                // Only punctuation ("%", "'", a quote): nothing the analyser keeps, so the folded text is scanned for it
                // in the database, as a plain substring, and the index counts and orders those projects as any others.
                var terms = SearchText.Terms(filter.Query);
                if (terms.Count == 0) return Empty();
                var scanned = db.PublicProjects.AsNoTracking();
                foreach (var term in terms) scanned = scanned.Where(p => p.SearchText.Contains(term));
                var ids = await scanned.Select(p => p.Id).Take(MaxScanned).ToListAsync(ct);
                if (ids.Count == 0) return Empty();
                return Run(searcher, filter with { Query = null }, null, request with { Only = ids });
            }
            var result = Run(searcher, filter, text, request);
            if (result.Total == 0 && text?.Corrected(searcher.IndexReader) is { } corrected)
            {
                var again = Run(searcher, filter, corrected, request);
                if (again.Total > 0)
                {
                    return new SearchResult
                    {
                        Total = again.Total, Ids = again.Ids, Snippets = again.Snippets, Projects = again.Projects, Tally = again.Tally, Names = again.Names,
                        FacetTallies = again.FacetTallies, TypedQuery = text.Text, SearchedQuery = corrected.Text,
                    };
                }
            }
            return result;
        }
        finally
        {
            index.Release(searcher);
        }
    }

    /// <summary>A punctuation-only search keeps at most this many projects (it is a substring scan of the database).</summary>
    private const int MaxScanned = 10_000;

    /// <summary>Nothing to search for in the words (only punctuation): no match, rather than every project.</summary>
    private SearchResult Empty() => new() { Tally = new Tally(Counts.None, index.Names), Names = index.Names };

    private static readonly (ProjectFacet Facet, Counts Counts)[] FacetCounts =
    [
        (ProjectFacet.Status, Counts.Statuses),
        (ProjectFacet.Municipality, Counts.Municipalities),
        (ProjectFacet.Organisation, Counts.Publishers),
        (ProjectFacet.Financier, Counts.Financiers),
        (ProjectFacet.GoalArea, Counts.GoalAreas),
        (ProjectFacet.FinancierKind, Counts.FinancierKinds),
        (ProjectFacet.Year, Counts.Years),
        (ProjectFacet.Budget, Counts.Budgets),
    ];

    private SearchResult Run(IndexSearcher searcher, ProjectFilter filter, TextQuery? text, SearchRequest request)
    {
        var counts = request.Counts;
        var selected = new List<(ProjectFacet Facet, Counts Counts)>();
        if (request.Facets)
        {
            foreach (var (facet, c) in FacetCounts)
            {
                if (IsSet(filter, facet)) selected.Add((facet, c));
                else counts |= c;
            }
        }
        var tally = new Tally(counts, index.Names);
        var query = Build(filter, text, except: null, request);
        var everything = IsEverything(query, counts);
        var sort = SortFor(request.Sort ?? filter.EffectiveSort, text is not null);
        List<int> ids = [];
        Dictionary<int, string> snippets = [];
        List<ProjectSummary> summaries = [];
        if (request.All || request.Take > 0)
        {
            // Every match needs its place in the order only for a download; a page keeps the first Skip + Take.
            var total = request.All ? Count(searcher, query) : 0;
            // Never more than the index holds: the collector allocates a slot for each (the API's ?page= goes to a million).
            var wanted = request.All ? Math.Max(1, total) : (int)Math.Clamp((long)request.Skip + request.Take, 1, Math.Max(1, searcher.IndexReader.MaxDoc));
            var top = TopFieldCollector.Create(sort, wanted, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: false);
            if (everything) searcher.Search(query, top);
            else searcher.Search(query, MultiCollector.Wrap(tally, top));
            var docs = request.All ? top.GetTopDocs() : top.GetTopDocs(request.Skip, request.Take);
            var leaves = searcher.IndexReader.Leaves;
            // Only the stored fields wanted: a project's text is long, its summary short.
            var wantSnippets = request.Snippets && text is not null;
            HashSet<string> fields = [.. request.Summaries ? [ProjectDocument.Summary] : Array.Empty<string>(), .. wantSnippets ? [TextFields.Body] : Array.Empty<string>()];
            foreach (var hit in docs.ScoreDocs)
            {
                var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
                var id = SegmentColumns.For(leaf.AtomicReader, index.Names).Id[hit.Doc - leaf.DocBase];
                ids.Add(id);
                if (fields.Count == 0) continue;
                var stored = searcher.Doc(hit.Doc, fields);
                var snippet = wantSnippets ? text!.Snippet(stored) : null;
                if (snippet is not null) snippets[id] = snippet;
                if (request.Summaries && stored.GetBinaryValue(ProjectDocument.Summary) is { } bytes)
                    summaries.Add(ProjectSummary.FromBytes(id, (byte[])(Array)bytes.Bytes, bytes.Offset, bytes.Length) with { Snippet = snippet });
            }
        }
        else if (!everything)
        {
            searcher.Search(query, tally);
        }
        if (everything) AddSegments(searcher, tally);
        tally.Finish();
        var facetTallies = new Dictionary<ProjectFacet, Tally>();
        foreach (var (facet, c) in selected)
        {
            var own = new Tally(c, index.Names);
            var others = Build(filter, text, except: facet, request);
            if (IsEverything(others, c)) AddSegments(searcher, own);
            else searcher.Search(others, own);
            own.Finish();
            facetTallies[facet] = own;
        }
        return new SearchResult { Total = tally.Total, Ids = ids, Snippets = snippets, Projects = summaries, Tally = tally, Names = index.Names, FacetTallies = facetTallies };
    }

    /// <summary>Every public project, counted: from each segment's kept counts (<see cref="Tally.OfSegment"/>).</summary>
    private static bool IsEverything(Query query, Counts counts) => query is MatchAllDocsQuery && counts != Counts.None;

    private static void AddSegments(IndexSearcher searcher, Tally tally)
    {
        foreach (var leaf in searcher.IndexReader.Leaves) tally.AddSegment(leaf);
    }

    private static int Count(IndexSearcher searcher, Query query)
    {
        var counter = new TotalHitCountCollector();
        searcher.Search(query, counter);
        return counter.TotalHits;
    }

    private static bool IsSet(ProjectFilter f, ProjectFacet facet) => facet switch
    {
        ProjectFacet.Status => f.Statuses.Count > 0,
        ProjectFacet.Municipality => f.Municipalities.Count > 0,
        ProjectFacet.Organisation => f.Organisation is not null,
        ProjectFacet.Financier => f.Financier is not null,
        ProjectFacet.GoalArea => f.GoalArea is not null,
        ProjectFacet.FinancierKind => f.FinancierKind is not null,
        ProjectFacet.Year => f.Year is not null,
        ProjectFacet.Budget => f.Currency is not null || f.BudgetFrom is not null || f.BudgetTo is not null,
        _ => false,
    };

    /// <summary>The filter as a query: the words scored, every other filter a condition that does not touch the score.</summary>
    public static Query Build(ProjectFilter f, TextQuery? text, ProjectFacet? except, SearchRequest? request = null)
    {
        var conditions = new BooleanQuery();
        void AnyOf(string field, IEnumerable<string> values)
        {
            var any = new BooleanQuery();
            foreach (var v in values) any.Add(new TermQuery(new Term(field, v)), Occur.SHOULD);
            conditions.Add(any, Occur.MUST);
        }
        if (request?.Only is { } only)
        {
            conditions.Add(new ConstantScoreQuery(new Lucene.Net.Queries.TermsFilter(
                only.Select(id => new Term(ProjectDocument.Id, id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList())), Occur.MUST);
        }
        if (request?.WithPlaces == true) conditions.Add(new TermQuery(new Term(ProjectDocument.HasPlaces, "1")), Occur.MUST);
        if (request?.Owner is { } owner) AnyOf(ProjectDocument.Owner, [owner]);
        if (request?.Partner is { } partner) AnyOf(ProjectDocument.Partner, [partner]);
        if (f.Statuses.Count > 0 && except != ProjectFacet.Status) AnyOf(ProjectDocument.Status, f.Statuses.Select(s => s.Slug()));
        if (f.Municipalities.Count > 0 && except != ProjectFacet.Municipality) AnyOf(ProjectDocument.Municipality, f.Municipalities);
        if (f.Organisation is not null && except != ProjectFacet.Organisation) AnyOf(ProjectDocument.Publisher, [f.Organisation]);
        if (f.Financier is not null && except != ProjectFacet.Financier) AnyOf(ProjectDocument.Financier, [f.Financier]);
        if (f.GoalArea is not null && except != ProjectFacet.GoalArea) AnyOf(ProjectDocument.GoalArea, [f.GoalArea]);
        if (f.FinancierKind is { } kind && except != ProjectFacet.FinancierKind) AnyOf(ProjectDocument.FinancierKind, [kind.Slug()]);
        if (f.Year is { } year && except != ProjectFacet.Year)
            conditions.Add(NumericRangeQuery.NewInt32Range(ProjectDocument.ActiveYear, year, year, true, true), Occur.MUST);
        if (except != ProjectFacet.Budget)
        {
            if (f.Currency is not null || f.BudgetFrom is not null || f.BudgetTo is not null) AnyOf(ProjectDocument.Currency, [f.BudgetCurrency]);
            if (f.BudgetFrom is not null || f.BudgetTo is not null)
            {
                conditions.Add(NumericRangeQuery.NewInt64Range(ProjectDocument.Budget,
                    f.BudgetFrom is { } from ? checked(from * 100) : null, f.BudgetTo is { } to ? checked(to * 100) : null, true, true), Occur.MUST);
            }
        }
        Query words = text?.Query ?? new MatchAllDocsQuery();
        return conditions.Clauses.Count == 0 ? words : new FilteredQuery(words, new QueryWrapperFilter(conditions));
    }

    private static readonly SortField ByTitle = new(ProjectDocument.TitleSort, SortFieldType.STRING);
    private static readonly SortField ById = new(ProjectDocument.IdSort, SortFieldType.INT64);

    /// <summary>Projects without a start come last either way.</summary>
    private static SortField Missing(SortField field, long value)
    {
        field.SetMissingValue(value);
        return field;
    }

    private static Sort SortFor(ProjectSort sort, bool hasWords) => sort switch
    {
        ProjectSort.Relevance when hasWords => new Sort(SortField.FIELD_SCORE, ByTitle, ById),
        ProjectSort.Title => new Sort(ByTitle, ById),
        ProjectSort.StartNewest => new Sort(Missing(new SortField(ProjectDocument.StartSort, SortFieldType.INT64, reverse: true), long.MinValue), ByTitle, ById),
        ProjectSort.StartOldest => new Sort(Missing(new SortField(ProjectDocument.StartSort, SortFieldType.INT64), long.MaxValue), ByTitle, ById),
        _ => new Sort(new SortField(ProjectDocument.UpdatedSort, SortFieldType.INT64, reverse: true), ByTitle, ById),
    };
}
