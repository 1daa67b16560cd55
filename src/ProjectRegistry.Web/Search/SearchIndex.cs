using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Data.Engines;
using ProjectRegistry.Web.Infrastructure;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ProjectRegistry.Web.Search;

/// <summary>
/// This node's Lucene index of the public projects, in a folder of its own (Search:IndexPath). The database is the
/// truth: every public write records a <see cref="SearchChange"/> in its own transaction, and before a public read
/// the node applies the changes it has not seen (<see cref="CatchUpAsync"/>), so the next request on any node shows
/// a save. Each applied batch is committed with the number of the last change in it, so a process killed at any
/// point restarts from a commit that matches what it says it has applied. A missing, outdated or damaged index is
/// rebuilt from the database at start; <see cref="RebuildAsync"/> does it on demand while the old one answers.
/// </summary>
public sealed class SearchIndex(IConfiguration configuration, IHostEnvironment environment, IDatabaseEngine engine, IServiceScopeFactory scopes,
    TimeProvider clock, ILogger<SearchIndex> logger) : IDisposable
{
    /// <summary>Raised whenever what a document holds changes: an index of another format is rebuilt at start.</summary>
    public const string Format = "3"; // 3: a financing row's contribution kind and volunteer hours

    public const string PathSetting = "Search:IndexPath";

    /// <summary>Changes older than this are deleted at start; a node whose index is older rebuilds.</summary>
    public static readonly TimeSpan ChangeRetention = TimeSpan.FromDays(30);

    /// <summary>A change the node did not see, below one it saw, is looked for this long (a PostgreSQL transaction that took its number earlier and committed later).</summary>
    private static readonly TimeSpan GapWait = TimeSpan.FromMinutes(1);

    private const string SeqKey = "applied-change";
    private const string FormatKey = "format";
    /// <summary>The year the documents' active years were worked out in: a project without an end is active up to this year.</summary>
    private const string YearKey = "year";
    private const int Batch = 500;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<long, DateTime> _gaps = [];
    private LuceneDirectory? _directory;
    private FileStream? _processLock;
    private IndexWriter? _writer;
    private SearcherManager? _searchers;
    private long _applied;
    private long _generation;
    private int _year;
    private int _yearRebuildStarted;
    private volatile bool _rebuilding;

    /// <summary>The numbering of the names the counting meets.</summary>
    public IndexNames Names { get; } = new();

    /// <summary>The folder: Search:IndexPath (relative to the content root), else beside the SQLite file, else App_Data/sokindex.</summary>
    public string FolderPath { get; } = PathOf(configuration, environment, engine);

    public bool IsOpen => _searchers is not null;

    /// <summary>Raised at every commit the readers see: what was derived from the index before it may be out of date.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public static string PathOf(IConfiguration configuration, IHostEnvironment environment, IDatabaseEngine engine) =>
        configuration[PathSetting] is { Length: > 0 } configured
            ? System.IO.Path.GetFullPath(configured, environment.ContentRootPath)
            : engine.StatePath(".sokindex", "sokindex");

    /// <summary>
    /// At start: opens the index, or builds it when it is missing, of another format or damaged, then applies the
    /// changes since its last commit. Throws <see cref="DatabaseProblemException"/> when another process holds it.
    /// </summary>
    public async Task OpenAsync(CancellationToken ct = default)
    {
        var opening = Stopwatch.StartNew();
        OwnerOnly.CreateDirectory(FolderPath);
        // One process per folder: the OS lock is held for the life of the process and dropped when it dies.
        try
        {
            _processLock = new FileStream(System.IO.Path.Combine(FolderPath, "process.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new DatabaseProblemException(
                $"Sökindexet {FolderPath} används av en annan process. Varje webbnod behöver en egen mapp: ange {PathSetting}.");
        }
        _directory = FSDirectory.Open(FolderPath);
        var (state, applied) = Inspect(_directory);
        if (state == IndexState.Damaged)
        {
            // Nothing in the folder is worth keeping: it is rebuilt from the database.
            foreach (var file in _directory.ListAll().Where(f => f != "process.lock")) _directory.DeleteFile(file);
        }
        try
        {
            _writer = NewWriter(state == IndexState.Ready ? OpenMode.CREATE_OR_APPEND : OpenMode.CREATE);
        }
        catch (LockObtainFailedException)
        {
            _directory.Dispose();
            _directory = null;
            throw new DatabaseProblemException(
                $"Sökindexet {FolderPath} används av en annan process. Varje webbnod behöver en egen mapp: ange {PathSetting}.");
        }
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Searchers());

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        await SearchChange.PruneAsync(db, clock.GetUtcNow().UtcDateTime - ChangeRetention, ct);
        if (state == IndexState.Ready)
        {
            var oldest = await db.SearchChanges.MinAsync(c => (long?)c.Id, ct);
            var newest = await db.SearchChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
            if (oldest is { } o && o > applied + 1)
            {
                logger.LogWarning("Sökindexet är äldre än de ändringar databasen har kvar; det byggs om");
                state = IndexState.Missing;
            }
            else if (newest < applied)
            {
                // A database older than the index: a backup put back. The index describes a registry that is gone.
                logger.LogWarning("Databasen är äldre än sökindexet (en återställd säkerhetskopia?); indexet byggs om");
                state = IndexState.Missing;
            }
        }
        if (state != IndexState.Ready)
        {
            logger.LogInformation("Sökindexet {Path} {Reason}; det byggs från databasen", FolderPath, state switch
            {
                IndexState.Outdated => "har ett äldre format",
                IndexState.Damaged => "var skadat",
                _ => "saknas",
            });
            await BuildAsync(db, ct);
        }
        else
        {
            _applied = applied;
            _year = ThisYear;
            await CatchUpAsync(db, ct);
        }
        // Every segment's columns decoded now, so that the first reader does not pay for it.
        var searcher = _searchers.Acquire();
        try
        {
            // Segments are decoded side by side: the start waits for this, and a server has more than one core.
            Parallel.ForEach(searcher.IndexReader.Leaves, leaf => SegmentColumns.For(leaf.AtomicReader, Names));
            logger.LogInformation("Sökindexet öppnades: {Count} projekt, {Segments} segment, på {Milliseconds} ms",
                searcher.IndexReader.NumDocs, searcher.IndexReader.Leaves.Count, opening.ElapsedMilliseconds);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private IndexWriter NewWriter(OpenMode mode) => new(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, TextFields.IndexAnalyzer)
    {
        OpenMode = mode,
        Similarity = TextFields.Similarity,
        RAMBufferSizeMB = 32,
    });

    private enum IndexState { Missing, Outdated, Damaged, Ready }

    private (IndexState State, long Applied) Inspect(LuceneDirectory directory)
    {
        try
        {
            if (!DirectoryReader.IndexExists(directory)) return (IndexState.Missing, 0);
            var infos = new SegmentInfos();
            infos.Read(directory);
            if (!infos.UserData.TryGetValue(FormatKey, out var format) || format != Format) return (IndexState.Outdated, 0);
            // Built in another year: its ongoing projects without an end are not yet active in this one.
            if (!infos.UserData.TryGetValue(YearKey, out var year) || year != ThisYear.ToString(System.Globalization.CultureInfo.InvariantCulture))
                return (IndexState.Outdated, 0);
            // Opening a reader reads every segment's metadata: a truncated or missing file shows here.
            using (var reader = DirectoryReader.Open(directory))
            {
                foreach (var leaf in reader.Leaves) _ = leaf.AtomicReader.GetBinaryDocValues(ProjectDocument.Facts);
            }
            return (IndexState.Ready, long.Parse(infos.UserData[SeqKey], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException
            or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            logger.LogWarning("Sökindexet {Path} kunde inte läsas ({Problem})", FolderPath, e.Message);
            return (IndexState.Damaged, 0);
        }
    }

    /// <summary>
    /// Applies the changes this node has not seen, before a public read. Costs one indexed query when there are
    /// none. While a rebuild runs, readers are answered from the index as it was.
    /// </summary>
    public async Task CatchUpAsync(RegistryDbContext db, CancellationToken ct)
    {
        if (_rebuilding || _writer is null) return;
        if (_year != ThisYear && Interlocked.Exchange(ref _yearRebuildStarted, 1) == 0)
        {
            // New Year: every document is read again in the background, while this and every other read is answered as before.
            _ = Task.Run(async () =>
            {
                try { await RebuildAsync(); }
                catch (Exception e) { logger.LogError(e, "Sökindexet kunde inte byggas om vid årsskiftet"); }
                finally { Interlocked.Exchange(ref _yearRebuildStarted, 0); }
            }, CancellationToken.None);
        }
        var latest = await LatestChange(db, ct) ?? 0;
        bool gaps;
        lock (_gaps) gaps = _gaps.Count > 0;
        if (latest <= Interlocked.Read(ref _applied) && !gaps) return;
        await _gate.WaitAsync(ct);
        try
        {
            if (_rebuilding) return;
            // Not the request's token: a change half applied is applied again next time, but need not be.
            while (await ApplyAsync(db, CancellationToken.None))
            {
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private int ThisYear => clock.GetLocalNow().Year;

    /// <summary>Compiled once: asked before every public read, where EF's own query cache lookup cost more than the query.</summary>
    private static readonly Func<RegistryDbContext, CancellationToken, Task<long?>> LatestChange =
        EF.CompileAsyncQuery((RegistryDbContext db, CancellationToken ct) => db.SearchChanges.Max(c => (long?)c.Id));

    /// <summary>One batch of changes; true when there may be more.</summary>
    private async Task<bool> ApplyAsync(RegistryDbContext db, CancellationToken ct)
    {
        var applied = _applied;
        List<long> gaps;
        lock (_gaps) gaps = [.. _gaps.Keys];
        var rows = await db.SearchChanges.AsNoTracking()
            .Where(c => c.Id > applied || gaps.Contains(c.Id))
            .OrderBy(c => c.Id).Take(5000)
            .Select(c => new { c.Id, c.ProjectId })
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_gaps)
        {
            foreach (var row in rows) _gaps.Remove(row.Id);
            foreach (var (id, seen) in _gaps.ToList())
                if (now - seen > GapWait) _gaps.Remove(id);
        }
        if (rows.Count == 0) return false;
        if (rows.Any(r => r.ProjectId is null))
        {
            await BuildAsync(db, ct);
            return false;
        }
        var newest = rows.Max(r => r.Id);
        lock (_gaps)
        {
            var seen = rows.Select(r => r.Id).ToHashSet();
            for (var id = applied + 1; id < newest; id++)
                if (!seen.Contains(id)) _gaps.TryAdd(id, now);
        }
        var ids = rows.Select(r => r.ProjectId!.Value).Distinct().ToList();
        foreach (var chunk in ids.Chunk(Batch))
            await WriteAsync(db, chunk, ct);
        Commit(Math.Max(applied, newest));
        return rows.Count == 5000;
    }

    /// <summary>The current documents of these projects; a project the public may no longer see leaves the index.</summary>
    private async Task WriteAsync(RegistryDbContext db, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var docs = await ProjectDocument.LoadAsync(db, ids, _year, ct);
        var found = new HashSet<int>();
        foreach (var doc in docs)
        {
            var id = doc.Get(ProjectDocument.Id);
            found.Add(int.Parse(id, System.Globalization.CultureInfo.InvariantCulture));
            _writer!.UpdateDocument(new Term(ProjectDocument.Id, id), doc);
        }
        foreach (var gone in ids.Where(i => !found.Contains(i)))
            _writer!.DeleteDocuments(new Term(ProjectDocument.Id, gone.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private void Commit(long applied)
    {
        _writer!.SetCommitData(new Dictionary<string, string>
        {
            [SeqKey] = applied.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [FormatKey] = Format,
            [YearKey] = _year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _writer.Commit();
        Interlocked.Exchange(ref _applied, applied);
        _searchers!.MaybeRefreshBlocking();
        Interlocked.Increment(ref _generation);
    }

    /// <summary>
    /// Builds the index anew from the database (the `search rebuild` command, or a change that asks for it) while
    /// the index as it was keeps answering: readers see the new one only at its commit.
    /// </summary>
    public async Task RebuildAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            using var scope = scopes.CreateScope();
            await BuildAsync(scope.ServiceProvider.GetRequiredService<RegistryDbContext>(), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every public project, in batches; the caller holds the gate (or is the start).</summary>
    private async Task BuildAsync(RegistryDbContext db, CancellationToken ct)
    {
        _rebuilding = true;
        try
        {
            var clockStart = Stopwatch.StartNew();
            _year = ThisYear;
            // Changes after this one are applied after the build, as any others.
            var upTo = await db.SearchChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
            var ids = await ProjectDocument.AllIdsAsync(db).ToListAsync(ct);
            _writer!.DeleteAll();
            // Two things at once on two cores: the next batch is read from the database while this one is analysed.
            // The context is used by one of them at a time: only the reading touches it.
            var chunks = ids.Chunk(Batch).ToList();
            Task<List<Lucene.Net.Documents.Document>>? next = chunks.Count > 0 ? ProjectDocument.LoadAsync(db, chunks[0], _year, ct) : null;
            for (var i = 0; i < chunks.Count; i++)
            {
                var docs = await next!;
                var following = i + 1 < chunks.Count ? chunks[i + 1] : null;
                next = following is null ? null : Task.Run(() => ProjectDocument.LoadAsync(db, following, _year, ct), ct);
                _writer.AddDocuments(docs);
            }
            lock (_gaps) _gaps.Clear();
            Commit(upTo);
            logger.LogInformation("Sökindexet byggdes: {Count} projekt på {Seconds:0.0} s", ids.Count, clockStart.Elapsed.TotalSeconds);
        }
        catch
        {
            // The commit before the build stays what readers and the next start see.
            _writer!.Rollback();
            _writer = NewWriter(OpenMode.CREATE_OR_APPEND);
            var old = _searchers!;
            _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Searchers());
            old.Dispose();
            throw;
        }
        finally
        {
            _rebuilding = false;
        }
    }

    /// <summary>A searcher over the index as of the last applied change; give it back with <see cref="Release"/>.</summary>
    public IndexSearcher Acquire() => (_searchers ?? throw new InvalidOperationException("Sökindexet är inte öppnat.")).Acquire();

    public void Release(IndexSearcher searcher) => _searchers!.Release(searcher);

    public void Dispose()
    {
        _searchers?.Dispose();
        try
        {
            _writer?.Dispose();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // A writer that cannot close cleanly leaves the last commit, which the next start reads.
        }
        _directory?.Dispose();
        _processLock?.Dispose();
        _gate.Dispose();
    }

    private sealed class Searchers : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = TextFields.Similarity };
    }
}
