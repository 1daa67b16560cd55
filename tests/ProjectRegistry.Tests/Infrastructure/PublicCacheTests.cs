using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Infrastructure;

/// <summary>
/// Anonymous readers get the public pages from the output cache; staff saving, publishing, unpublishing,
/// deleting or restoring must show on the very next public request, on every page and format.
/// </summary>
public class PublicCacheTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private readonly HttpClient _public = app.CreateClient();

    /// <summary>Every public view a change to one Malå project shows on.</summary>
    private static string[] ViewsOf(string slug) =>
    [
        $"/projekt/{slug}", "/projekt?kommun=2418", "/projekt?q=digitala", "/",
        "/kommuner/2418", "/organisationer/mala-kommun", "/projekt.csv?kommun=2418", "/projekt.json?kommun=2418",
        $"/api/v1/projects/{slug}", "/api/v1/projects?municipality=2418", "/projekt.atom",
    ];

    [Fact]
    public async Task Public_pages_are_served_from_the_cache_until_something_is_saved()
    {
        const string slug = "digitala-steget";
        var before = await TextAsync($"/projekt/{slug}");
        // Written past the app (no SaveChanges): the cache cannot know, so a reader still sees the cached page...
        await InDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "Projects" SET "Title" = 'Ändrad bakom ryggen' WHERE "Slug" = {slug}"""));

        Assert.Equal(before, await TextAsync($"/projekt/{slug}"));
        // ...while signed-in staff are never served from it.
        var staff = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        Assert.Contains("Ändrad bakom ryggen", WebUtility.HtmlDecode(await (await staff.GetAsync($"/projekt/{slug}")).Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // Any save of public data evicts everything.
        await SaveTitleAsync(staff, slug, "Digitala steget, andra etappen");
        Assert.Contains("Digitala steget, andra etappen", await TextAsync($"/projekt/{slug}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_title_is_on_every_public_view_at_the_next_request()
    {
        const string slug = "exportfokus";
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        foreach (var url in ViewsOf(slug)) await TextAsync(url);

        await SaveTitleAsync(editor, slug, "Exportfokus Norrland");

        foreach (var url in ViewsOf(slug).Where(u => u != "/projekt?q=digitala"))
            Assert.True((await TextAsync(url)).Contains("Exportfokus Norrland", StringComparison.Ordinal), $"{url} visar inte den nya titeln.");
    }

    [Fact]
    public async Task Unpublishing_and_publishing_again_show_at_the_next_request()
    {
        const string slug = "barkraft";
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var id = await IdAsync(slug);
        Assert.Equal(HttpStatusCode.OK, (await _public.GetAsync($"/projekt/{slug}")).StatusCode);
        Assert.Contains(slug, await TextAsync("/projekt.json?kommun=2418"), StringComparison.Ordinal);
        var counted = await CountOnStatisticsAsync("/statistik?kommun=2418");

        await (await FormPage.OpenAsync(editor, $"/admin/projekt/{id}")).SaveAsync("Spara och gör till utkast");

        Assert.Equal(counted - 1, await CountOnStatisticsAsync("/statistik?kommun=2418"));

        Assert.Equal(HttpStatusCode.NotFound, (await _public.GetAsync($"/projekt/{slug}")).StatusCode);
        Assert.DoesNotContain(slug, await TextAsync("/projekt.json?kommun=2418"), StringComparison.Ordinal);
        Assert.DoesNotContain($"/projekt/{slug}<", await TextAsync("/sitemap.xml"), StringComparison.Ordinal);

        await (await FormPage.OpenAsync(editor, $"/admin/projekt/{id}")).SaveAsync("Spara och publicera");

        Assert.Equal(HttpStatusCode.OK, (await _public.GetAsync($"/projekt/{slug}")).StatusCode);
        Assert.Contains(slug, await TextAsync("/projekt.json?kommun=2418"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_and_restoring_show_at_the_next_request()
    {
        const string slug = "nimr";
        var id = await IdAsync(slug);
        var admin = await app.SignedInAsAsync(Roles.Admin);
        await TextAsync("/projekt?kommun=2418");
        Assert.Equal(HttpStatusCode.OK, (await _public.GetAsync($"/projekt/{slug}")).StatusCode);

        var delete = await FormPage.OpenAsync(admin, $"/admin/projekt/{id}/ta-bort");
        await delete.SaveAsync(delete.Buttons().Single());

        Assert.Equal(HttpStatusCode.NotFound, (await _public.GetAsync($"/projekt/{slug}")).StatusCode);
        Assert.DoesNotContain($"/projekt/{slug}\"", await TextAsync("/projekt?kommun=2418"), StringComparison.Ordinal);

        var bin = await FormPage.OpenAsync(admin, "/admin/papperskorg");
        await bin.SaveAsync(bin.Buttons().Single(b => b.StartsWith("Ångra borttagningen", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, (await _public.GetAsync($"/projekt/{slug}")).StatusCode);
        Assert.Contains($"/projekt/{slug}\"", await TextAsync("/projekt?kommun=2418"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_user_does_not_fill_the_cache_with_staff_pages()
    {
        var staff = await app.SignedInAsAsync(Roles.Admin);
        await staff.GetAsync("/projekt");

        using var response = await _public.GetAsync("/projekt");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("/admin/logga-ut", html, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task An_unknown_parameter_is_ignored_and_answered_from_the_same_cache_entry()
    {
        // The benchmark appended "&v=<n>" to measure the filtered list uncached: the reader sees the same list,
        // with no note about the parameter...
        const string list = "/projekt?kommun=2418&sortering=uppdaterad";
        var plain = await _public.GetPageAsync(list);
        var withNonce = await _public.GetPageAsync(list + "&v=1");
        Assert.Null(withNonce.QuerySelector(".notice"));
        Assert.Equal(CardLinks(plain), CardLinks(withNonce));
        Assert.NotEmpty(CardLinks(plain));

        // ...and since the page does not read it, any value is the one cached page (a change past the app shows in
        // none of them), while a request with an Authorization header, as the benchmark now sends, is never cached.
        var slug = CardLinks(plain)[0]!.Split('/')[^1];
        var title = await InDbAsync(db => db.Projects.IgnoreQueryFilters().Where(p => p.Slug == slug).Select(p => p.Title).SingleAsync());
        // Past the app, but with the change row a save writes, so that the search index (which the list's rows
        // come from) follows it as it follows any save.
        await InDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "Projects" SET "Title" = 'Ändrad förbi cachen' WHERE "Slug" = {slug}"""));
        await RecordChangeAsync(slug);
        try
        {
            Assert.DoesNotContain("Ändrad förbi cachen", await TextAsync(list + "&v=1"), StringComparison.Ordinal);
            Assert.DoesNotContain("Ändrad förbi cachen", await TextAsync(list + "&v=2"), StringComparison.Ordinal);
            using var uncached = new HttpRequestMessage(HttpMethod.Get, list + "&v=3");
            uncached.Headers.TryAddWithoutValidation("Authorization", "Bench uncached");
            using var response = await _public.SendAsync(uncached);
            Assert.Contains("Ändrad förbi cachen", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }
        finally
        {
            await InDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "Projects" SET "Title" = {title} WHERE "Slug" = {slug}"""));
            await RecordChangeAsync(slug);
        }
    }

    private Task<int> RecordChangeAsync(string slug) => InDbAsync(async db =>
    {
        var id = await db.Projects.IgnoreQueryFilters().Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
        db.SearchChanges.Add(new ProjectRegistry.Web.Data.SearchChange { ProjectId = id, At = DateTime.UtcNow });
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task Facet_counts_follow_a_save_at_once()
    {
        // Staff pages are never output-cached: what staff see here comes from the search index each time.
        const string slug = "barkraft";
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var id = await IdAsync(slug);
        const string list = "/projekt?kommun=2418";
        var before = await StatusCountsAsync(editor, list);
        Assert.Equal(before, await StatusCountsAsync(editor, list));
        // Any municipality chosen with the same status leaves the municipality counts as they were.
        // (A chosen municipality without projects is listed with 0 so that it can be unchosen; it is left out here.)
        Assert.Equal(
            (await MunicipalityCountsAsync(editor, "/projekt?status=avslutat&kommun=2418")).Where(c => c.Value > 0),
            (await MunicipalityCountsAsync(editor, "/projekt?status=avslutat&kommun=2510")).Where(c => c.Value > 0));

        await (await FormPage.OpenAsync(editor, $"/admin/projekt/{id}")).SaveAsync("Spara och gör till utkast");
        Assert.Equal(before.Values.Sum() - 1, (await StatusCountsAsync(editor, list)).Values.Sum());

        await (await FormPage.OpenAsync(editor, $"/admin/projekt/{id}")).SaveAsync("Spara och publicera");
        Assert.Equal(before, await StatusCountsAsync(editor, list));
    }

    private static async Task<Dictionary<string, int>> StatusCountsAsync(HttpClient client, string url) => await FacetCountsAsync(client, url, "status");

    private static async Task<Dictionary<string, int>> MunicipalityCountsAsync(HttpClient client, string url) => await FacetCountsAsync(client, url, "kommun");

    /// <summary>The filter form's choices for one parameter, with the count shown beside each.</summary>
    private static async Task<Dictionary<string, int>> FacetCountsAsync(HttpClient client, string url, string name)
    {
        var page = await client.GetPageAsync(url);
        return page.QuerySelectorAll($"input[type=checkbox][name={name}]").ToDictionary(
            i => i.GetAttribute("value")!,
            i => int.Parse(i.ParentElement!.QuerySelector(".count")!.TextContent.Trim('(', ')', ' '), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static List<string?> CardLinks(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("li.project-card h3 a").Select(a => a.GetAttribute("href")).ToList();

    /// <summary>The number of projects the statistics page says its filter matches.</summary>
    private async Task<int> CountOnStatisticsAsync(string url)
    {
        var page = await _public.GetPageAsync(url);
        var summary = page.QuerySelector("ul.sums li strong")!.TextContent;
        return int.Parse(summary.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> TextAsync(string url)
    {
        using var response = await _public.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} gav {(int)response.StatusCode}.");
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private async Task SaveTitleAsync(HttpClient staff, string slug, string title)
    {
        var form = await FormPage.OpenAsync(staff, $"/admin/projekt/{await IdAsync(slug)}");
        await form.Type("Input.Title", title).SaveAsync("Spara");
    }

    private Task<int> IdAsync(string slug) => InDbAsync(db => db.Projects.IgnoreQueryFilters().Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());

    private Task<T> InDbAsync<T>(Func<RegistryDbContext, Task<T>> work) => app.InDbAsync(work);

    [Theory]
    [InlineData("/projekt")]
    [InlineData("/statistik")]
    [InlineData("/projekt.atom")]
    public async Task A_cached_page_is_served_in_the_encoding_each_reader_accepts(string url)
    {
        // The cache keeps the compressed answer; asking in turn for Brotli, gzip and none must never hand one
        // reader the bytes cached for another.
        string? plain = null;
        foreach (var round in new[] { 1, 2 })
        {
            foreach (var (accept, expected) in new[] { ("br", "br"), ("gzip", "gzip"), ("identity", null) })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
                using var response = await _public.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
                var bytes = await response.Content.ReadAsByteArrayAsync();
                await using Stream body = expected switch
                {
                    "br" => new System.IO.Compression.BrotliStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress),
                    "gzip" => new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress),
                    _ => new MemoryStream(bytes),
                };
                using var reader = new StreamReader(body);
                var text = await reader.ReadToEndAsync();
                plain ??= text;
                Assert.True(plain == text, $"{url} med Accept-Encoding {accept} (omgång {round}) skiljer sig från första svaret.");
                if (round == 2) Assert.True(response.Headers.Age is not null, $"{url} ({accept}) kom inte ur cachen andra gången.");
            }
        }
    }

    [Fact]
    public async Task Junk_query_keys_on_statistics_are_answered_from_one_cache_entry()
    {
        // /statistik?x=$RANDOM: each junk key a new cache key used to mean a full statistics computation and one
        // more entry for every staff save to walk. The page reads only its own keys, so they are one page.
        var store = new RecordingCacheStore();
        await using var probed = new RegistryAppFactory { TestServices = store.Install };
        var client = probed.CreateClient();
        var junkKeys = new List<string>();

        for (var i = 0; i < 200; i++)
        {
            var key = $"x{Guid.NewGuid():N}";
            junkKeys.Add(key);
            using var response = await client.GetAsync(new Uri($"/statistik?{key}={i}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var computed = store.For("/statistik");
        Assert.True(computed.Count <= 2, $"/statistik räknades ut {computed.Count} gånger för 200 skräpnycklar.");
        Assert.DoesNotContain(store.Written, k => junkKeys.Any(j => k.Contains(j, StringComparison.OrdinalIgnoreCase)));
        // A key the page does read is still a page of its own.
        using var filtered = await client.GetAsync(new Uri("/statistik?kommun=2418", UriKind.Relative));
        Assert.Contains("2418", Assert.Single(store.For("/statistik").Except(computed)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spellings_of_Accept_Encoding_share_one_cache_entry_per_encoding()
    {
        var store = new RecordingCacheStore();
        await using var probed = new RegistryAppFactory { TestServices = store.Install };
        var client = probed.CreateClient();
        var spellings = new (string Header, string? Expected)[]
        {
            ("gzip, deflate, br", "br"), ("br;q=1.0, gzip;q=0.8, *;q=0.1", "br"), ("BR", "br"), ("*", "br"), ("gzip;q=0.5, br;q=0.4", "gzip"),
            ("gzip", "gzip"), ("deflate, gzip", "gzip"), ("x-junk-1", null), ("x-junk-2;q=0.3", null), ("identity", null),
            ("br;q=0, gzip;q=0", null), ("", null), ("identity;q=1, br;q=0.5", null),
        };

        foreach (var (header, expected) in spellings)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/om");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", header);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(expected == response.Content.Headers.ContentEncoding.SingleOrDefault(), $"Accept-Encoding: {header} gav {response.Content.Headers.ContentEncoding.SingleOrDefault() ?? "ingen"}.");
        }

        Assert.Equal(3, store.For("/om").Count);
    }
}
