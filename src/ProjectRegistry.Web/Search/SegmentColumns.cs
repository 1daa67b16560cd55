using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Search;

/// <summary>
/// The names the counting meets (organisation slugs, kommunkoder, goal-area slugs), each given a small number
/// once, so that a count is an array index instead of a dictionary lookup. Only ever grows; a name that leaves
/// the registry keeps its number and counts 0.
/// </summary>
public sealed class Names
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly Lock _gate = new();

    public int Count { get { lock (_gate) return _names.Count; } }

    public string this[int id] { get { lock (_gate) return _names[id]; } }

    public int Id(string name)
    {
        if (_ids.TryGetValue(name, out var id)) return id;
        lock (_gate)
        {
            if (_ids.TryGetValue(name, out id)) return id;
            id = _names.Count;
            _names.Add(name);
            _ids[name] = id;
            return id;
        }
    }

    public int? Find(string name) => _ids.TryGetValue(name, out var id) ? id : null;
}

/// <summary>Many values per document: those of document d are Values[Start[d]..Start[d + 1]].</summary>
public sealed record Ragged(int[] Start, int[] Values);

/// <summary>
/// The facts of every document of one index segment as plain arrays (a column store), decoded once from the
/// binary doc value <see cref="ProjectDocument.Facts"/> when the segment is first read and kept for the
/// segment's life: a segment never changes (deletions are the reader's live-docs, which the searcher applies),
/// so counting 100,000 matches is 100,000 passes over arrays, not over doc values.
/// </summary>
public sealed class SegmentColumns
{
    public required int[] Id { get; init; }
    public required byte[] Status { get; init; }
    public required int[] Publisher { get; init; }
    /// <summary>-1: none.</summary>
    public required int[] Owner { get; init; }
    /// <summary>0: unknown.</summary>
    public required short[] StartYear { get; init; }
    /// <summary>Index into <see cref="Money.SupportedCurrencies"/>; -1: no budget.</summary>
    public required sbyte[] BudgetCurrency { get; init; }
    public required long[] Budget { get; init; }
    public required long[] Updated { get; init; }
    public required int[] Places { get; init; }
    public required Ragged Years { get; init; }
    public required Ragged Municipalities { get; init; }
    public required Ragged GoalAreas { get; init; }
    public required Ragged Partners { get; init; }
    /// <summary>The financing rows: organisation, and beside it, per row, its kind, currency (-1: no amount) and amount.</summary>
    public required Ragged Financiers { get; init; }
    public required byte[] FinancierKind { get; init; }
    public required sbyte[] FinancierCurrency { get; init; }
    public required long[] FinancierAmount { get; init; }

    private static readonly ConditionalWeakTable<object, SegmentColumns> BySegment = [];

    /// <summary>The columns of a segment, decoded on first use.</summary>
    public static SegmentColumns For(AtomicReader reader, IndexNames names) =>
        BySegment.GetValue(reader.CoreCacheKey, _ => Decode(reader, names));

    public static int CurrencyIndex(string? currency) => currency is null ? -1 : Money.SupportedCurrencies.ToList().IndexOf(currency);

    private static SegmentColumns Decode(AtomicReader reader, IndexNames names)
    {
        var n = reader.MaxDoc;
        var values = reader.GetBinaryDocValues(ProjectDocument.Facts);
        var id = new int[n];
        var status = new byte[n];
        var publisher = new int[n];
        var owner = new int[n];
        var start = new short[n];
        var currency = new sbyte[n];
        var budget = new long[n];
        var updated = new long[n];
        var places = new int[n];
        var years = new RaggedBuilder(n);
        var municipalities = new RaggedBuilder(n);
        var goalAreas = new RaggedBuilder(n);
        var partners = new RaggedBuilder(n);
        var financiers = new RaggedBuilder(n);
        var kinds = new List<byte>();
        var finCurrency = new List<sbyte>();
        var amounts = new List<long>();
        var bytes = new BytesRef();
        for (var d = 0; d < n; d++)
        {
            values?.Get(d, bytes);
            if (values is null || bytes.Length == 0)
            {
                owner[d] = -1;
                currency[d] = -1;
                years.Next(); municipalities.Next(); goalAreas.Next(); partners.Next(); financiers.Next();
                continue;
            }
            var f = ProjectFacts.Read(bytes);
            id[d] = f.Id;
            status[d] = (byte)f.Status;
            publisher[d] = names.Organisations.Id(f.Publisher);
            owner[d] = f.Owner is null ? -1 : names.Organisations.Id(f.Owner);
            start[d] = (short)(f.StartYear ?? 0);
            currency[d] = (sbyte)CurrencyIndex(f.BudgetCurrency);
            budget[d] = f.BudgetMinorUnits;
            updated[d] = f.UpdatedTicks;
            places[d] = f.PlacesWithCoordinates;
            foreach (var y in f.Years) years.Add(y);
            years.Next();
            foreach (var m in f.Municipalities) municipalities.Add(names.Municipalities.Id(m));
            municipalities.Next();
            foreach (var g in f.GoalAreas) goalAreas.Add(names.GoalAreas.Id(g));
            goalAreas.Next();
            foreach (var p in f.Partners) partners.Add(names.Organisations.Id(p));
            partners.Next();
            foreach (var x in f.Financiers)
            {
                financiers.Add(names.Organisations.Id(x.Organisation));
                kinds.Add((byte)x.Kind);
                finCurrency.Add((sbyte)CurrencyIndex(x.Currency));
                amounts.Add(x.MinorUnits);
            }
            financiers.Next();
        }
        return new SegmentColumns
        {
            Id = id, Status = status, Publisher = publisher, Owner = owner, StartYear = start, BudgetCurrency = currency, Budget = budget,
            Updated = updated, Places = places, Years = years.Build(), Municipalities = municipalities.Build(), GoalAreas = goalAreas.Build(),
            Partners = partners.Build(), Financiers = financiers.Build(), FinancierKind = [.. kinds], FinancierCurrency = [.. finCurrency],
            FinancierAmount = [.. amounts],
        };
    }

    private sealed class RaggedBuilder(int n)
    {
        private readonly int[] _start = new int[n + 1];
        private readonly List<int> _values = [];
        private int _doc;

        public void Add(int value) => _values.Add(value);

        public void Next() => _start[++_doc] = _values.Count;

        public Ragged Build() => new(_start, [.. _values]);
    }
}

/// <summary>The numbering of every kind of name the index counts; one per index, for the life of the process.</summary>
public sealed class IndexNames
{
    public Names Organisations { get; } = new();
    public Names Municipalities { get; } = new();
    public Names GoalAreas { get; } = new();
}

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
}

/// <summary>
/// A collector that counts and sums the matching documents from their <see cref="SegmentColumns"/>: the facets of
/// the list, the statistics' tables, the counts per organisation. Arrays are sized to the names known when the
/// search began (every segment's columns are decoded before it starts).
/// </summary>
public sealed class Tally : ICollector
{
    private const int Currencies = 3;
    private readonly Counts _what;
    private SegmentColumns _columns = null!;

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
    }

    private bool Has(Counts c) => (_what & c) != 0;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context) => _columns = SegmentColumns.For(context.AtomicReader, _names);

    private readonly IndexNames _names;

    public void Collect(int doc)
    {
        var c = _columns;
        Total++;
        var what = _what;
        if (what == Counts.None) return;
        if ((what & Counts.Statuses) != 0) Statuses[c.Status[doc]]++;
        if ((what & Counts.Publishers) != 0) Publishers[c.Publisher[doc]]++;
        if ((what & Counts.Owners) != 0 && c.Owner[doc] >= 0) Owners[c.Owner[doc]]++;
        var currency = c.BudgetCurrency[doc];
        if ((what & Counts.Budgets) != 0 && currency >= 0)
        {
            BudgetCounts[currency]++;
            BudgetSums[currency] += c.Budget[doc];
        }
        if ((what & Counts.Municipalities) != 0 || (what & Counts.MunicipalityBudgets) != 0)
        {
            var m = c.Municipalities;
            for (var i = m.Start[doc]; i < m.Start[doc + 1]; i++)
            {
                if ((what & Counts.Municipalities) != 0) Municipalities[m.Values[i]]++;
                if ((what & Counts.MunicipalityBudgets) != 0 && currency >= 0) MunicipalityBudgets[m.Values[i] * Currencies + currency] += c.Budget[doc];
            }
        }
        if ((what & Counts.GoalAreas) != 0) CountDistinct(c.GoalAreas, doc, GoalAreas);
        if ((what & Counts.Partners) != 0) CountDistinct(c.Partners, doc, Partners);
        if ((what & (Counts.Financiers | Counts.FinancierKinds | Counts.FinancierAmounts)) != 0) CountFinanciers(c, doc, what);
        if ((what & Counts.Years) != 0)
        {
            var y = c.Years;
            for (var i = y.Start[doc]; i < y.Start[doc + 1]; i++) Years[y.Values[i]] = Years.GetValueOrDefault(y.Values[i]) + 1;
        }
        if ((what & Counts.StartYears) != 0)
        {
            if (c.StartYear[doc] == 0) WithoutStart++;
            else StartYears[c.StartYear[doc]] = StartYears.GetValueOrDefault(c.StartYear[doc]) + 1;
        }
        if ((what & Counts.Places) != 0) Places += c.Places[doc];
    }

    /// <summary>Each value once per project, though a project may name it twice.</summary>
    private static void CountDistinct(Ragged r, int doc, int[] counts)
    {
        int from = r.Start[doc], to = r.Start[doc + 1];
        for (var i = from; i < to; i++)
        {
            var v = r.Values[i];
            var seen = false;
            for (var j = from; j < i && !seen; j++) seen = r.Values[j] == v;
            if (!seen) counts[v]++;
        }
    }

    private void CountFinanciers(SegmentColumns c, int doc, Counts what)
    {
        var r = c.Financiers;
        int from = r.Start[doc], to = r.Start[doc + 1];
        var kindsSeen = 0;
        for (var i = from; i < to; i++)
        {
            var org = r.Values[i];
            var first = true;
            var firstWithout = c.FinancierCurrency[i] < 0;
            for (var j = from; j < i; j++)
            {
                if (r.Values[j] != org) continue;
                first = false;
                if (c.FinancierCurrency[j] < 0) firstWithout = false;
            }
            if (first && (what & (Counts.Financiers | Counts.FinancierAmounts)) != 0) Financiers[org]++;
            if ((what & Counts.FinancierAmounts) != 0)
            {
                if (c.FinancierCurrency[i] >= 0) FinancierAmounts[org * Currencies + c.FinancierCurrency[i]] += c.FinancierAmount[i];
                else if (firstWithout) FinancierWithoutAmount[org]++;
            }
            var kindBit = 1 << c.FinancierKind[i];
            if ((what & Counts.FinancierKinds) != 0 && (kindsSeen & kindBit) == 0)
            {
                kindsSeen |= kindBit;
                FinancierKinds[c.FinancierKind[i]]++;
            }
        }
    }
}
