using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Infrastructure.Caching;
using ProjectRegistry.Web.Infrastructure.Http;
using ProjectRegistry.Web.Pages.Projects;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Web.OpenData;

/// <summary>
/// The /projekt list as data: /projekt.csv, /projekt.xlsx, /projekt.json and /projekt.atom take the same query parameters
/// as the page (one <see cref="ProjectFilter"/>), so a filter means the same thing in every format.
/// </summary>
public static class Downloads
{
    public const string Licence = "CC0-1.0";
    public const string LicenceUrl = "https://creativecommons.org/publicdomain/zero/1.0/deed.sv";
    private const int FeedSize = 50;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder app)
    {
        // Every list endpoint reads the /projekt filters; the full lists are few at a time when the cache misses them.
        app.MapGet("/projekt.json", JsonAsync).CacheOutput(PublicCache.ProjectListPolicy).WithMetadata(new ExpensiveAnswerAttribute());
        app.MapGet("/projekt.csv", CsvAsync).CacheOutput(PublicCache.ProjectDownloadPolicy).WithMetadata(new ExpensiveAnswerAttribute());
        app.MapGet("/projekt.xlsx", XlsxAsync).CacheOutput(PublicCache.ProjectDownloadPolicy).WithMetadata(new ExpensiveAnswerAttribute());
        app.MapGet("/projekt.atom", AtomAsync).CacheOutput(PublicCache.ProjectListPolicy);
        return app;
    }

    /// <summary>
    /// The ids of the matching projects in list order; the records are then loaded and written a chunk at a
    /// time (<see cref="ProjectRecord.LoadChunksAsync"/>), so a download of every project streams with flat
    /// memory instead of holding all projects and the whole body at once.
    /// </summary>
    private static async Task<(ProjectFilter Filter, IReadOnlyList<int> Ids)> MatchingIdsAsync(HttpContext http, ProjectSearch search)
    {
        var filter = ProjectFilter.Parse(http.Request.Query);
        var result = await search.RunAsync(filter, new SearchRequest { All = true }, http.RequestAborted);
        return (filter, result.Ids);
    }

    private static IAsyncEnumerable<IReadOnlyList<ProjectRecord>> Chunks(HttpContext http, RegistryDbContext db, TimeProvider clock, IReadOnlyList<int> ids) =>
        ProjectRecord.LoadChunksAsync(db, ids, SiteOptions.BaseUrl(http.Request), DateOnly.FromDateTime(clock.GetLocalNow().DateTime), http.RequestAborted);

    private static async Task JsonAsync(HttpContext http, RegistryDbContext db, ProjectSearch search, TimeProvider clock)
    {
        var (filter, ids) = await MatchingIdsAsync(http, search);
        var ct = http.RequestAborted;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.ContentDisposition = "inline; filename=\"projekt.json\"";

        // The same document Results.Json wrote from one object, written member by member. Over the body's pipe:
        // JsonSerializer flushes the writer after each item, which on a Stream would be a synchronous write.
        var body = http.Response.BodyWriter;
        using var w = new Utf8JsonWriter(body, new JsonWriterOptions { Indented = Json.WriteIndented, Encoder = Json.Encoder });
        w.WriteStartObject();
        w.WriteString("licence", Licence);
        w.WriteString("licenceUrl", LicenceUrl);
        w.WriteString("source", SiteOptions.BaseUrl(http.Request) + "/projekt" + filter.ToQueryString(withSortAndPage: false));
        w.WritePropertyName("generatedAt");
        JsonSerializer.Serialize(w, clock.GetUtcNow(), Json);
        w.WritePropertyName("notes");
        JsonSerializer.Serialize(w, filter.Notes, Json);
        // The ids were read first, so the count is known before the projects; one that stops being public
        // during the download is left out of the list.
        w.WriteNumber("count", ids.Count);
        w.WriteStartArray("projects");
        await foreach (var chunk in Chunks(http, db, clock, ids))
        {
            foreach (var r in chunk) JsonSerializer.Serialize(w, r, Json);
            w.Flush();
            await body.FlushAsync(ct);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        await body.FlushAsync(ct);
    }

    /// <summary>
    /// CSV for Excel with Swedish settings: UTF-8 with a byte order mark (so å, ä, ö survive), semicolons
    /// between fields, decimal comma, ISO dates; one column per field, lists joined with "; ".
    /// </summary>
    private static async Task CsvAsync(HttpContext http, RegistryDbContext db, ProjectSearch search, TimeProvider clock)
    {
        if (await ColumnsAsync(http) is not { } columns) return;
        var (_, ids) = await MatchingIdsAsync(http, search);
        var ct = http.RequestAborted;

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=projekt.csv; filename*=UTF-8''projekt.csv";
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetPreamble(), ct);
        // Kestrel allows no synchronous writes: each chunk's rows are built in memory and written asynchronously.
        // The body stays open: closing it would also close the output cache's copy of it (an empty cached answer).
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), leaveOpen: true);
        var sb = new StringBuilder();
        Row(sb, columns.Select(c => c.Name));
        await foreach (var chunk in Chunks(http, db, clock, ids))
        {
            foreach (var r in chunk) Row(sb, columns.Select(c => c.Text(r)));
            await writer.WriteAsync(sb, ct);
            await writer.FlushAsync(ct);
            sb.Clear();
        }
        await writer.WriteAsync(sb, ct); // the header alone, when nothing matched
        await writer.FlushAsync(ct);
    }

    /// <summary>
    /// The same projects and columns as the CSV, as an Excel workbook with a second sheet of financiers
    /// (<see cref="XlsxDownload"/>); named with the day it was made, since readers keep several.
    /// </summary>
    private static async Task XlsxAsync(HttpContext http, RegistryDbContext db, ProjectSearch search, TimeProvider clock)
    {
        if (await ColumnsAsync(http) is not { } columns) return;
        var (_, ids) = await MatchingIdsAsync(http, search);
        var day = DateOnly.FromDateTime(clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        http.Response.ContentType = XlsxDownload.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=projekt-{day}.xlsx; filename*=UTF-8''projekt-{day}.xlsx";
        await XlsxDownload.WriteAsync(http.Response.Body, columns, Chunks(http, db, clock, ids), http.RequestAborted);
    }

    /// <summary>The columns ?kolumner= chooses, or null after answering 400 with the Swedish reason.</summary>
    private static async Task<IReadOnlyList<DownloadColumn>?> ColumnsAsync(HttpContext http)
    {
        var columns = DownloadColumns.Parse(http.Request.Query[DownloadColumns.QueryKey].ToString(), out var error);
        if (error is null) return columns;
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(error, http.RequestAborted);
        return null;
    }

    /// <summary>
    /// One indicator's values in the "Resultat" column: "R.37 Nya arbetstillfällen: 3/2,5 arbetstillfällen", planned
    /// before the slash and achieved after it (– where not given), decimal comma; the items separated by "; ".
    /// </summary>
    internal static string ResultText(ResultRecord r)
    {
        var sv = CultureInfo.GetCultureInfo("sv-SE");
        string Value(decimal? v) => v is { } d ? d.ToString("0.##", sv) : "–";
        var name = (r.EuCode is null ? "" : r.EuCode + " ") + r.Indicator.Replace(';', ',');
        return $"{name}: {Value(r.Planned)}/{Value(r.Achieved)}{(r.Unit is null ? "" : " " + r.Unit.Replace(';', ','))}";
    }

    private static void Row(StringBuilder sb, IEnumerable<string?> fields)
    {
        sb.AppendJoin(';', fields.Select(CsvField));
        sb.Append("\r\n");
    }

    /// <summary>One CSV field, quoted where needed, and never a formula for Excel to run.</summary>
    internal static string CsvField(string? value)
    {
        var f = Infrastructure.Text.SpreadsheetText.Protect(value ?? "");
        return f.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? $"\"{f.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : f;
    }

    /// <summary>An Atom feed of new and changed projects, newest first, following the same filters.</summary>
    private static async Task<IResult> AtomAsync(HttpContext http, RegistryDbContext db, ProjectSearch search, TimeProvider clock)
    {
        var filter = ProjectFilter.Parse(http.Request.Query) with { Sort = ProjectSort.Updated };
        var baseUrl = SiteOptions.BaseUrl(http.Request);
        var ids = (await search.RunAsync(filter, new SearchRequest { Take = FeedSize, Sort = ProjectSort.Updated }, http.RequestAborted)).Ids;
        var records = await ProjectRecord.LoadAsync(db, ids, baseUrl, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), http.RequestAborted);
        var selfUrl = baseUrl + "/projekt.atom" + filter.ToQueryString(withSortAndPage: false);
        var listUrl = baseUrl + "/projekt" + filter.ToQueryString(withSortAndPage: false);

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, Async = true };
        using var stream = new MemoryStream();
        await using (var w = XmlWriter.Create(stream, settings))
        {
            const string ns = "http://www.w3.org/2005/Atom";
            await w.WriteStartDocumentAsync();
            w.WriteStartElement("feed", ns);
            w.WriteAttributeString("xml", "lang", null, "sv");
            w.WriteElementString("id", ns, selfUrl);
            w.WriteElementString("title", ns, filter.IsFiltered ? "Projektregistret: nya och ändrade projekt (filtrerat)" : "Projektregistret: nya och ändrade projekt");
            w.WriteElementString("updated", ns, Iso(records.Count > 0 ? records.Max(r => r.UpdatedAt) : clock.GetUtcNow().UtcDateTime));
            WriteLink(w, ns, "self", selfUrl, "application/atom+xml");
            WriteLink(w, ns, "alternate", listUrl, "text/html");
            w.WriteElementString("rights", ns, $"Fri att återanvända ({Licence})");
            w.WriteStartElement("author", ns);
            w.WriteElementString("name", ns, "Projektregistret");
            w.WriteEndElement();
            foreach (var r in records)
            {
                w.WriteStartElement("entry", ns);
                w.WriteElementString("id", ns, r.Url);
                w.WriteElementString("title", ns, XmlText($"{r.Title} ({r.Status.Label})"));
                w.WriteElementString("updated", ns, Iso(r.UpdatedAt));
                WriteLink(w, ns, "alternate", r.Url, "text/html");
                w.WriteStartElement("author", ns);
                w.WriteElementString("name", ns, XmlText(r.Publisher.Name));
                w.WriteEndElement();
                foreach (var m in r.Municipalities)
                {
                    w.WriteStartElement("category", ns);
                    w.WriteAttributeString("term", m.Code);
                    w.WriteAttributeString("label", m.Name);
                    w.WriteEndElement();
                }
                var summary = r.Purpose ?? r.Goal;
                if (summary is not null) w.WriteElementString("summary", ns, XmlText(summary));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return Results.File(stream.ToArray(), "application/atom+xml; charset=utf-8");
    }

    private static void WriteLink(XmlWriter w, string ns, string rel, string href, string type)
    {
        w.WriteStartElement("link", ns);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    /// <summary>
    /// The text without characters XML cannot carry (C0 controls), which would make the writer throw: saves strip
    /// them, but a row stored before that must not take the whole feed down.
    /// </summary>
    internal static string XmlText(string text)
    {
        if (text.All(XmlConvert.IsXmlChar)) return text;
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) kept.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) kept.Append(text, i++, 2);
        }
        return kept.ToString();
    }

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
