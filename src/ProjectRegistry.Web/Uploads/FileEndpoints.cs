using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Data.Engines;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Http;

namespace ProjectRegistry.Web.Uploads;

/// <summary>
/// The public address of an uploaded file: /filer/{content id}/{content hash}/{name}. The hash in the address
/// makes every version a new address, so an answer may be cached for a year and never revalidated.
/// </summary>
public static class FileEndpoints
{
    public static string Url(long contentId, string hash, string fileName) =>
        $"/filer/{contentId}/{hash}/{Uri.EscapeDataString(fileName)}";

    /// <summary>The name a web size is served under: "utsikt-960.jpg".</summary>
    public static string SizeName(string fileName, int width, string contentType) =>
        $"{Path.GetFileNameWithoutExtension(fileName)}-{width}.{(contentType == "image/webp" ? "webp" : "jpg")}";

    /// <summary>
    /// Outside the output cache (a file may be 20 MB): one indexed read of the row, then its bytes streamed from the
    /// database, under the anonymous client's budget and the file stream limits (<see cref="PublicRequestLimits"/>).
    /// </summary>
    public static void MapProjectFiles(this IEndpointRouteBuilder app) =>
        app.MapMethods("/filer/{id:long}/{hash}/{name}", [HttpMethods.Get, HttpMethods.Head], ServeAsync);

    private static readonly FileFormat[] Images = [FileFormat.Jpeg, FileFormat.Png, FileFormat.Webp];

    /// <summary>How long a cache may serve a file before it asks whether the file is still public.</summary>
    public static readonly TimeSpan CacheTime = TimeSpan.FromMinutes(5);

    /// <summary>What a read from the database's stream asks for at a time: what Kestrel's response pipe holds before it waits for the client.</summary>
    private const int ChunkBytes = 64 * 1024;

    private static async Task ServeAsync(HttpContext context, RegistryDbContext db, IDatabaseEngine engine, PublicRequestLimits limits,
        long id, string hash, CancellationToken ct)
    {
        if (!await limits.WithinBudgetAsync(context)) return;
        // A file is public while its project is (RegistryDbContext.PublicProjects decides) and it is not removed;
        // a picture's original is never public, since it may carry the camera's EXIF and GPS data.
        var row = await (
            from c in db.ProjectFileContents.AsNoTracking()
            join f in db.ProjectFiles on c.FileId equals f.Id
            where c.Id == id && c.Hash == hash && f.RemovedAt == null
                  && (c.Variant != ProjectFileContent.Original || !Images.Contains(f.Format))
                  && db.PublicProjects.Any(p => p.Id == f.ProjectId)
            select new { c.ContentType, c.Size, c.Variant, f.FileName, f.Format })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var image = row.Variant != ProjectFileContent.Original;
        var name = image ? SizeName(row.FileName, row.Variant, row.ContentType) : row.FileName;
        var etag = new EntityTagHeaderValue($"\"{hash}\"");
        if (context.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } match && match.Any(m => m.Compare(etag, useStrongComparison: false) || m.Equals(EntityTagHeaderValue.Any)))
        {
            Describe(context, etag, name, image);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        if (HttpMethods.IsHead(context.Request.Method))
        {
            Describe(context, etag, name, image);
            context.Response.ContentType = row.ContentType;
            context.Response.ContentLength = row.Size;
            return;
        }

        // Before any header of the file is set, so that a refusal is the plain Swedish error page.
        using var permit = await limits.FileStreamPermitAsync(context);
        if (permit is null) return;
        await using var bytes = await engine.OpenFileContentAsync(db, id, ct);
        if (bytes is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Describe(context, etag, name, image);
        context.Response.ContentType = row.ContentType;
        context.Response.ContentLength = row.Size;
        // Read as the client reads: a slow client holds one chunk, not the file (20 slow downloads of 19 MB held 380 MB before).
        await bytes.CopyToAsync(context.Response.Body, ChunkBytes, ct);
    }

    private static void Describe(HttpContext context, EntityTagHeaderValue etag, string name, bool image)
    {
        var headers = context.Response.Headers;
        headers.ETag = etag.ToString();
        // Not immutable: the bytes at an address never change, but whether they may be served does (a project
        // unpublished, a file removed). A cache keeps a file five minutes, then asks again with its ETag: 304 while it
        // is public, 404 once it is not (issue 24, L7).
        headers.CacheControl = $"public, max-age={(int)CacheTime.TotalSeconds}, must-revalidate";
        headers.XContentTypeOptions = "nosniff";
        // Opened on its own (a document's address typed in, or an SVG or HTML that slipped through), it runs in
        // a sandbox: no script, no forms, no same-origin access. SecurityHeaders leaves a set policy alone.
        headers.ContentSecurityPolicy = "sandbox";
        var disposition = new ContentDispositionHeaderValue(image ? "inline" : "attachment");
        disposition.SetHttpFileName(name);
        headers.ContentDisposition = disposition.ToString();
    }
}
