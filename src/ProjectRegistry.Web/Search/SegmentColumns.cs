using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Search;

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
    /// <summary>Per row: its <see cref="Domain.Contribution"/>, and volunteer hours × 100.</summary>
    public required byte[] FinancierContribution { get; init; }
    public required long[] FinancierHours { get; init; }
    public required sbyte[] FinancierCurrency { get; init; }
    public required long[] FinancierAmount { get; init; }
    /// <summary>Worked out once here rather than in every count: each financier of a project once, the organisations
    /// with a financing row without an amount (once each), and the kinds of financier as bits.</summary>
    public required Ragged DistinctFinanciers { get; init; }
    public required Ragged FinanciersWithoutAmount { get; init; }
    public required byte[] FinancierKindBits { get; init; }

    private static readonly ConditionalWeakTable<object, SegmentColumns> BySegment = [];

    /// <summary>The columns of a segment, decoded on first use.</summary>
    public static SegmentColumns For(AtomicReader reader, IndexNames names) =>
        BySegment.GetValue(reader.CoreCacheKey, _ => Decode(reader, names));

    public static int CurrencyIndex(string? currency)
    {
        if (currency is null) return -1;
        for (var i = 0; i < Money.SupportedCurrencies.Count; i++)
            if (Money.SupportedCurrencies[i] == currency) return i;
        return -1;
    }

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
        var distinctFinanciers = new RaggedBuilder(n);
        var withoutAmount = new RaggedBuilder(n);
        var kindBits = new byte[n];
        var kinds = new List<byte>();
        var contributions = new List<byte>();
        var hours = new List<long>();
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
                years.Next(); municipalities.Next(); goalAreas.Next(); partners.Next(); financiers.Next(); distinctFinanciers.Next(); withoutAmount.Next();
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
            foreach (var g in f.GoalAreas.Distinct()) goalAreas.Add(names.GoalAreas.Id(g));
            goalAreas.Next();
            foreach (var p in f.Partners.Distinct()) partners.Add(names.Organisations.Id(p));
            partners.Next();
            foreach (var x in f.Financiers)
            {
                financiers.Add(names.Organisations.Id(x.Organisation));
                kinds.Add((byte)x.Kind);
                contributions.Add((byte)x.Contribution);
                hours.Add(x.HundredthHours);
                finCurrency.Add((sbyte)CurrencyIndex(x.Currency));
                amounts.Add(x.MinorUnits);
                kindBits[d] |= (byte)(1 << (int)x.Kind);
            }
            financiers.Next();
            foreach (var org in f.Financiers.Select(x => x.Organisation).Distinct()) distinctFinanciers.Add(names.Organisations.Id(org));
            distinctFinanciers.Next();
            foreach (var org in f.Financiers.Where(x => x.Currency is null).Select(x => x.Organisation).Distinct()) withoutAmount.Add(names.Organisations.Id(org));
            withoutAmount.Next();
        }
        return new SegmentColumns
        {
            Id = id, Status = status, Publisher = publisher, Owner = owner, StartYear = start, BudgetCurrency = currency, Budget = budget,
            Updated = updated, Places = places, Years = years.Build(), Municipalities = municipalities.Build(), GoalAreas = goalAreas.Build(),
            Partners = partners.Build(), Financiers = financiers.Build(), FinancierKind = [.. kinds], FinancierContribution = [.. contributions], FinancierHours = [.. hours], FinancierCurrency = [.. finCurrency],
            FinancierAmount = [.. amounts], DistinctFinanciers = distinctFinanciers.Build(), FinanciersWithoutAmount = withoutAmount.Build(),
            FinancierKindBits = kindBits,
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
