using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using static ProjectRegistry.Tests.TestSupport.ProjectFileUploads;

namespace ProjectRegistry.Tests.Security;

/// <summary>
/// Issue 24, M4: /filer was outside every anonymous budget and held each file whole in memory (20 parallel slow
/// downloads of a 19 MB PDF: server RSS 326 → 1,152 MB). Now a file is streamed from the database as its client reads
/// it, counted in the client's budget, and only a few are sent at once per client and per server. Run alone, since the
/// process's allocations are what one test measures; on both engines, since each streams its own way.
/// </summary>
[Collection(Name)]
public class FileDownloadLimitsTests(ITestOutputHelper output)
{
    public const string Name = "Measures the process's allocations";

    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class Alone;

    private const int LargeFileBytes = 19 * 1024 * 1024;

    /// <summary>A PDF of <paramref name="size"/> bytes: a real one, padded after its end with bytes that do not compress.</summary>
    private static byte[] PaddedPdf(int size)
    {
        var pdf = TestFiles.Pdf("Stor bilaga");
        var bytes = new byte[size];
        new Random(24).NextBytes(bytes);
        pdf.CopyTo(bytes, 0);
        return bytes;
    }

    /// <summary>A published project with one document; the document's public address.</summary>
    private static async Task<string> PublishedDocumentAsync(RegistryAppFactory app, byte[] pdf)
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (id, slug) = await NewProjectAsync(editor);
        await UploadAsync(editor, id, "stor-bilaga.pdf", pdf, "application/pdf", "Stor bilaga");
        return (await editor.GetPageAsync($"/projekt/{slug}")).QuerySelector("section[aria-labelledby=documents-heading] a")!.GetAttribute("href")!;
    }

    private static HttpClient Reader(RegistryAppFactory app, string address) =>
        ClientAddressFromHeader.From(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), address);

    private static async Task<HttpResponseMessage> StartAsync(HttpClient client, string url) =>
        await client.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);

    [Fact]
    public async Task Twenty_slow_downloads_of_a_19_MB_file_at_once_are_streamed_without_holding_the_file_in_memory()
    {
        await using var app = new RegistryAppFactory { TestServices = ClientAddressFromHeader.Install };
        var pdf = PaddedPdf(LargeFileBytes);
        var expected = SHA256.HashData(pdf);
        var url = await PublishedDocumentAsync(app, pdf);
        using (var warm = await Reader(app, "192.0.2.1").GetAsync(new Uri(url, UriKind.Relative))) Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        pdf = null;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        // Twenty readers, each from its own address, start together and read the first 64 kB; only when all twenty
        // are under way does any read on, so each server stream is open at once with a slow client at its end. The
        // managed heap is weighed then, with a full collection: what the twenty downloads hold.
        var started = new TaskCompletionSource();
        var count = 0;
        long heapWhileSending = 0;
        var hashes = await Task.WhenAll(Enumerable.Range(1, 20).Select(async i =>
        {
            using var response = await StartAsync(Reader(app, $"198.51.100.{i}"), url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(LargeFileBytes, response.Content.Headers.ContentLength);
            await using var body = await response.Content.ReadAsStreamAsync();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[64 * 1024];
            var first = await body.ReadAtLeastAsync(buffer, buffer.Length);
            hash.AppendData(buffer, 0, first);
            if (Interlocked.Increment(ref count) == 20)
            {
                heapWhileSending = GC.GetTotalMemory(forceFullCollection: true);
                started.SetResult();
            }
            await started.Task.WaitAsync(TimeSpan.FromMinutes(2));
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0) hash.AppendData(buffer, 0, read);
            return hash.GetHashAndReset();
        }));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.All(hashes, h => Assert.Equal(expected, h));
        // Holding each file whole is 20 × 19 MB = 380 MB live at once (the old endpoint allocated 775 MB in all, with
        // the copies EF and SQLite make). Streamed, the heap holds a few chunks per download: measured 4.5 MB more
        // on SQLite and 6 MB on PostgreSQL while all twenty were under way, and 57 MB and 116 MB allocated in all by
        // the whole process, client side included (Npgsql's reads allocate more, none of it kept).
        var held = heapWhileSending - heapBefore;
        output.WriteLine($"{(TestEngine.IsPostgres ? "PostgreSQL" : "SQLite")}: heap growth with 20 under way {held / 1024} kB, allocated in all {allocated / 1024} kB");
        Assert.True(held < 20L * 1024 * 1024, $"Med 20 nedladdningar på gång höll heapen {held / (1024 * 1024)} MB mer.");
        Assert.True(allocated < 190L * 1024 * 1024, $"20 nedladdningar på en gång allokerade {allocated / (1024 * 1024)} MB.");
    }

    [Fact]
    public async Task A_client_over_its_budget_gets_429_with_Retry_After_and_a_Swedish_page_for_a_file_too()
    {
        await using var app = new RegistryAppFactory { AnonymousUncachedPerMinute = 3, TestServices = ClientAddressFromHeader.Install };
        var pdf = TestFiles.Pdf("Bilaga");
        var url = await PublishedDocumentAsync(app, pdf);

        // Four addresses of one IPv6 /64 are one client (ClientKey): three files, then 429.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 1; i <= 4; i++)
        {
            var response = await Reader(app, $"2001:db8:24:7::{i}").GetAsync(new Uri(url, UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (i < 4) Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
            else refused = response;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(refused!.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Null(refused.Content.Headers.ContentDisposition);
        Assert.Equal("För många förfrågningar", (await StaffSession.ParseAsync(await refused.Content.ReadAsStringAsync())).QuerySelector("h1")?.ReadableText());
        refused.Dispose();
        // Another client gets the file.
        using var other = await Reader(app, "2001:db8:24:8::1").GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(pdf, await other.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_client_downloading_more_files_at_once_than_allowed_gets_429_until_one_is_done()
    {
        await using var app = new RegistryAppFactory
        {
            Settings = { ["Security:FileStreamsPerClient"] = "2" },
            TestServices = ClientAddressFromHeader.Install,
        };
        var url = await PublishedDocumentAsync(app, PaddedPdf(4 * 1024 * 1024));
        var client = Reader(app, "203.0.113.24");

        // Two downloads under way and not read (a slow reader), then a third.
        var first = await StartAsync(client, url);
        var second = await StartAsync(client, url);
        using var third = await StartAsync(client, url);
        using var neighbour = await StartAsync(Reader(app, "203.0.113.25"), url);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK],
            [first.StatusCode, second.StatusCode, third.StatusCode, neighbour.StatusCode]);
        Assert.True(third.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"Retry-After: {third.Headers.RetryAfter}");
        Assert.Equal("För många förfrågningar", (await StaffSession.ParseAsync(await third.Content.ReadAsStringAsync())).QuerySelector("h1")?.ReadableText());

        // One finished, the next one is sent.
        Assert.Equal(4 * 1024 * 1024, (await first.Content.ReadAsByteArrayAsync()).Length);
        first.Dispose();
        using var fourth = await StartAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, fourth.StatusCode);
        second.Dispose();
    }

    [Fact]
    public async Task Downloads_beyond_the_servers_stream_limit_and_its_queue_get_503()
    {
        // One file sent at a time and four waiting: beyond that, 503.
        await using var app = new RegistryAppFactory
        {
            Settings = { ["Security:FileStreams"] = "1" },
            TestServices = ClientAddressFromHeader.Install,
        };
        var url = await PublishedDocumentAsync(app, PaddedPdf(4 * 1024 * 1024));

        // One download under way and not read (a slow reader) holds the one permit; of ten more at once, four can
        // wait and six are refused, whatever order they arrive in.
        var sending = await StartAsync(Reader(app, "192.0.2.50"), url);
        Assert.Equal(HttpStatusCode.OK, sending.StatusCode);
        var pending = Enumerable.Range(51, 10).Select(i => StartAsync(Reader(app, $"192.0.2.{i}"), url)).ToList();
        var refused = new List<HttpResponseMessage>();
        while (refused.Count < 6)
        {
            var done = await Task.WhenAny(pending).WaitAsync(TimeSpan.FromMinutes(1));
            pending.Remove(done);
            refused.Add(await done);
        }

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 }, $"Retry-After: {r.Headers.RetryAfter}"));
        Assert.Equal("Tjänsten är hårt belastad just nu", (await StaffSession.ParseAsync(await refused[0].Content.ReadAsStringAsync())).QuerySelector("h1")?.ReadableText());
        refused.ForEach(r => r.Dispose());

        // The waiting ones are sent in turn as the one before is read.
        Assert.Equal(4 * 1024 * 1024, (await sending.Content.ReadAsByteArrayAsync()).Length);
        sending.Dispose();
        var served = await Task.WhenAll(pending.Select(async wait =>
        {
            using var response = await wait;
            return (response.StatusCode, (await response.Content.ReadAsByteArrayAsync()).Length);
        }));
        Assert.All(served, s => Assert.Equal((HttpStatusCode.OK, 4 * 1024 * 1024), s));
    }
}
