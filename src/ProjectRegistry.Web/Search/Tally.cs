using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Search;

/// <summary>What a <see cref="Tally"/> counts beyond the number of matches.</summary>
[Flags]
public enum Counts
{
    None = 0,
    Statuses = 1,
    Municipalities = 2,
    Publishers = 4,
    Financiers = 8,
    GoalAreas = 16,
    FinancierKinds = 32,
    Years = 64,
    Budgets = 128,
    StartYears = 256,
    MunicipalityBudgets = 512,
    FinancierAmounts = 1024,
    Owners = 2048,
    Partners = 4096,
    Places = 8192,
    Contributions = 16384,
}

/// <summary>
/// A collector that counts and sums the matching documents from their <see cref="SegmentColumns"/>: the facets of
/// the list, the statistics' tables, the counts per organisation. Arrays are sized to the names known when the
/// search began (every segment's columns are decoded before it starts). Call <see cref="Finish"/> after the search.
/// </summary>
/// <remarks>
/// The matches are gathered a few thousand at a time and each count then runs over them in a loop of its own, one
/// column at a time: a loop per column reads one array in order, where a pass per match read a dozen arrays at once
/// and asked for each count whether it was wanted.
/// </remarks>
public sealed class Tally : ICollector
{
    private const int Currencies = 3;
    /// <summary>Years from this one on are counted in an array; earlier or much later ones (typing errors) in a dictionary.</summary>
    private const int FirstYear = 1900;
    private const int YearSpan = 300;
    private readonly Counts _what;
    private readonly IndexNames _names;
    private SegmentColumns _columns = null!;
    private readonly int[] _docs = new int[4096];
    private int _buffered;
    private int[]? _years;
    private int[]? _startYears;
    /// <summary>1 while counting matches; -1 while taking a segment's deleted documents out of its cached counts.</summary>
    private int _sign = 1;

    public int Total { get; private set; }
    public int[] Statuses { get; } = new int[8];
    public int[] Municipalities { get; }
    public int[] Publishers { get; }
    public int[] Financiers { get; }
    public int[] GoalAreas { get; }
    public int[] FinancierKinds { get; } = new int[8];
    public Dictionary<int, int> Years { get; } = [];
    public Dictionary<int, int> StartYears { get; } = [];
    public int WithoutStart { get; private set; }
    /// <summary>Per currency: projects with a budget in it, and its sum.</summary>
    public int[] BudgetCounts { get; } = new int[Currencies];
    public long[] BudgetSums { get; } = new long[Currencies];
    /// <summary>[municipality * 3 + currency].</summary>
    public long[] MunicipalityBudgets { get; }
    /// <summary>[organisation * 3 + currency]: the amounts it gives.</summary>
    public long[] FinancierAmounts { get; }
    /// <summary>Projects where the organisation is a financier without an amount.</summary>
    public int[] FinancierWithoutAmount { get; }
    public int[] Owners { get; }
    public int[] Partners { get; }
    public int Places { get; private set; }
    /// <summary>[contribution * 3 + currency]: the amounts of each kind of contribution (<see cref="Domain.Contribution"/>).</summary>
    public long[] ContributionAmounts { get; }
    /// <summary>[currency]: volunteer hours × 100 of the rows valued in that currency.</summary>
    public long[] VolunteerHours { get; }

    public Tally(Counts what, IndexNames names)
    {
        _what = what;
        _names = names;
        var organisations = names.Organisations.Count;
        var municipalities = names.Municipalities.Count;
        Municipalities = new int[Has(Counts.Municipalities) ? municipalities : 0];
        Publishers = new int[Has(Counts.Publishers) ? organisations : 0];
        Financiers = new int[Has(Counts.Financiers) || Has(Counts.FinancierAmounts) ? organisations : 0];
        GoalAreas = new int[Has(Counts.GoalAreas) ? names.GoalAreas.Count : 0];
        MunicipalityBudgets = new long[Has(Counts.MunicipalityBudgets) ? municipalities * Currencies : 0];
        FinancierAmounts = new long[Has(Counts.FinancierAmounts) ? organisations * Currencies : 0];
        FinancierWithoutAmount = new int[Has(Counts.FinancierAmounts) ? organisations : 0];
        Owners = new int[Has(Counts.Owners) ? organisations : 0];
        Partners = new int[Has(Counts.Partners) ? organisations : 0];
        ContributionAmounts = new long[Has(Counts.Contributions) ? 8 * Currencies : 0];
        VolunteerHours = new long[Has(Counts.Contributions) ? Currencies : 0];
        if (Has(Counts.Years)) _years = new int[YearSpan];
        if (Has(Counts.StartYears)) _startYears = new int[YearSpan];
    }

    private bool Has(Counts c) => (_what & c) != 0;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        Flush();
        _columns = SegmentColumns.For(context.AtomicReader, _names);
    }

    public void Collect(int doc)
    {
        Total += _sign;
        if (_what == Counts.None) return;
        _docs[_buffered++] = doc;
        if (_buffered == _docs.Length) Flush();
    }

    /// <summary>Counts what is still gathered; the counts are complete only after this.</summary>
    public void Finish()
    {
        Flush();
        Spill(_years, Years);
        Spill(_startYears, StartYears);
        _years = _startYears = null;
    }

    private static void Spill(int[]? counts, Dictionary<int, int> into)
    {
        if (counts is null) return;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] == 0) continue;
            var sum = into.GetValueOrDefault(FirstYear + i) + counts[i];
            if (sum == 0) into.Remove(FirstYear + i);
            else into[FirstYear + i] = sum;
        }
    }

    /// <summary>
    /// The counts of every document of a segment, deleted or not, kept for the segment's life per kind of count:
    /// a read of the whole registry (the statistics, the organisations, the municipalities, the start page) adds
    /// them up and takes out the few deleted documents, instead of counting 100,000 projects again.
    /// </summary>
    public static Tally OfSegment(AtomicReaderContext leaf, Counts what, IndexNames names) =>
        BySegment.GetValue(leaf.AtomicReader.CoreCacheKey, _ => new ConcurrentDictionary<Counts, Tally>())
            .GetOrAdd(what, _ =>
            {
                var all = new Tally(what, names);
                all.SetNextReader(leaf);
                for (var d = 0; d < leaf.AtomicReader.MaxDoc; d++) all.Collect(d);
                all.Finish();
                return all;
            });

    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<Counts, Tally>> BySegment = [];

    /// <summary>Adds the counts of a segment (<see cref="OfSegment"/>), then takes out its deleted documents.</summary>
    public void AddSegment(AtomicReaderContext leaf)
    {
        var all = OfSegment(leaf, _what, _names);
        Total += all.Total;
        WithoutStart += all.WithoutStart;
        Places += all.Places;
        AddTo(Statuses, all.Statuses);
        AddTo(Municipalities, all.Municipalities);
        AddTo(Publishers, all.Publishers);
        AddTo(Financiers, all.Financiers);
        AddTo(GoalAreas, all.GoalAreas);
        AddTo(FinancierKinds, all.FinancierKinds);
        AddTo(BudgetCounts, all.BudgetCounts);
        AddTo(FinancierWithoutAmount, all.FinancierWithoutAmount);
        AddTo(Owners, all.Owners);
        AddTo(Partners, all.Partners);
        for (var i = 0; i < Math.Min(BudgetSums.Length, all.BudgetSums.Length); i++) BudgetSums[i] += all.BudgetSums[i];
        for (var i = 0; i < Math.Min(MunicipalityBudgets.Length, all.MunicipalityBudgets.Length); i++) MunicipalityBudgets[i] += all.MunicipalityBudgets[i];
        for (var i = 0; i < Math.Min(FinancierAmounts.Length, all.FinancierAmounts.Length); i++) FinancierAmounts[i] += all.FinancierAmounts[i];
        for (var i = 0; i < Math.Min(ContributionAmounts.Length, all.ContributionAmounts.Length); i++) ContributionAmounts[i] += all.ContributionAmounts[i];
        for (var i = 0; i < Math.Min(VolunteerHours.Length, all.VolunteerHours.Length); i++) VolunteerHours[i] += all.VolunteerHours[i];
        foreach (var (year, count) in all.Years) Years[year] = Years.GetValueOrDefault(year) + count;
        foreach (var (year, count) in all.StartYears) StartYears[year] = StartYears.GetValueOrDefault(year) + count;
        if (leaf.AtomicReader.LiveDocs is not { } live) return;
        SetNextReader(leaf);
        _sign = -1;
        for (var d = 0; d < leaf.AtomicReader.MaxDoc; d++)
            if (!live.Get(d)) Collect(d);
        Flush();
        _sign = 1;
    }

    private static void AddTo(int[] into, int[] from)
    {
        for (var i = 0; i < Math.Min(into.Length, from.Length); i++) into[i] += from[i];
    }

    private void Flush()
    {
        var n = _buffered;
        _buffered = 0;
        if (n == 0) return;
        var docs = _docs.AsSpan(0, n);
        var c = _columns;
        var sign = _sign;
        if (Has(Counts.Statuses))
        {
            foreach (var d in docs) Statuses[c.Status[d]] += sign;
        }
        if (Has(Counts.Publishers))
        {
            foreach (var d in docs) Publishers[c.Publisher[d]] += sign;
        }
        if (Has(Counts.Owners))
        {
            foreach (var d in docs)
                if (c.Owner[d] >= 0) Owners[c.Owner[d]] += sign;
        }
        if (Has(Counts.Budgets))
        {
            foreach (var d in docs)
            {
                var currency = c.BudgetCurrency[d];
                if (currency < 0) continue;
                BudgetCounts[currency] += sign;
                BudgetSums[currency] += sign * c.Budget[d];
            }
        }
        if (Has(Counts.Municipalities)) CountEach(c.Municipalities, docs, Municipalities, sign);
        if (Has(Counts.MunicipalityBudgets))
        {
            var m = c.Municipalities;
            foreach (var d in docs)
            {
                var currency = c.BudgetCurrency[d];
                if (currency < 0) continue;
                for (var i = m.Start[d]; i < m.Start[d + 1]; i++) MunicipalityBudgets[m.Values[i] * Currencies + currency] += sign * c.Budget[d];
            }
        }
        if (Has(Counts.GoalAreas)) CountEach(c.GoalAreas, docs, GoalAreas, sign);
        if (Has(Counts.Partners)) CountEach(c.Partners, docs, Partners, sign);
        if (Has(Counts.Financiers) || Has(Counts.FinancierAmounts)) CountEach(c.DistinctFinanciers, docs, Financiers, sign);
        if (Has(Counts.FinancierAmounts))
        {
            CountEach(c.FinanciersWithoutAmount, docs, FinancierWithoutAmount, sign);
            var r = c.Financiers;
            foreach (var d in docs)
            {
                for (var i = r.Start[d]; i < r.Start[d + 1]; i++)
                    if (c.FinancierCurrency[i] >= 0) FinancierAmounts[r.Values[i] * Currencies + c.FinancierCurrency[i]] += sign * c.FinancierAmount[i];
            }
        }
        if (Has(Counts.Contributions))
        {
            var r = c.Financiers;
            foreach (var d in docs)
            {
                for (var i = r.Start[d]; i < r.Start[d + 1]; i++)
                {
                    var currency = c.FinancierCurrency[i];
                    if (currency < 0) continue;
                    ContributionAmounts[c.FinancierContribution[i] * Currencies + currency] += sign * c.FinancierAmount[i];
                    VolunteerHours[currency] += sign * c.FinancierHours[i];
                }
            }
        }
        if (Has(Counts.FinancierKinds))
        {
            foreach (var d in docs)
            {
                for (int bits = c.FinancierKindBits[d], k = 0; bits != 0; bits >>= 1, k++)
                    if ((bits & 1) != 0) FinancierKinds[k] += sign;
            }
        }
        if (_years is { } years)
        {
            var y = c.Years;
            foreach (var d in docs)
            {
                for (var i = y.Start[d]; i < y.Start[d + 1]; i++) CountYear(years, Years, y.Values[i], sign);
            }
        }
        if (_startYears is { } startYears)
        {
            foreach (var d in docs)
            {
                if (c.StartYear[d] == 0) WithoutStart += sign;
                else CountYear(startYears, StartYears, c.StartYear[d], sign);
            }
        }
        if (Has(Counts.Places))
        {
            foreach (var d in docs) Places += sign * c.Places[d];
        }
    }

    private static void CountYear(int[] counts, Dictionary<int, int> others, int year, int sign)
    {
        var i = year - FirstYear;
        if ((uint)i < YearSpan) counts[i] += sign;
        else if (others.GetValueOrDefault(year) + sign is var sum && sum != 0) others[year] = sum;
        else others.Remove(year);
    }

    /// <summary>Each value of each match (a project's values are distinct: the columns are built so).</summary>
    private static void CountEach(Ragged r, ReadOnlySpan<int> docs, int[] counts, int sign)
    {
        var start = r.Start;
        var values = r.Values;
        foreach (var d in docs)
        {
            for (var i = start[d]; i < start[d + 1]; i++) counts[values[i]] += sign;
        }
    }
}
