using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

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

    /// <summary>Outside the output cache (a file may be 20 MB): one indexed read of the row, then its bytes.</summary>
    public static void MapProjectFiles(this IEndpointRouteBuilder app) =>
        app.MapMethods("/filer/{id:long}/{hash}/{name}", [HttpMethods.Get, HttpMethods.Head], ServeAsync);

    private static readonly FileFormat[] Images = [FileFormat.Jpeg, FileFormat.Png, FileFormat.Webp];

    private static async Task ServeAsync(HttpContext context, RegistryDbContext db, long id, string hash, CancellationToken ct)
    {
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
        var headers = context.Response.Headers;
        var etag = new EntityTagHeaderValue($"\"{hash}\"");
        headers.ETag = etag.ToString();
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.XContentTypeOptions = "nosniff";
        // Opened on its own (a document's address typed in, or an SVG or HTML that slipped through), it runs in
        // a sandbox: no script, no forms, no same-origin access. SecurityHeaders leaves a set policy alone.
        headers.ContentSecurityPolicy = "sandbox";
        var disposition = new ContentDispositionHeaderValue(image ? "inline" : "attachment");
        disposition.SetHttpFileName(name);
        headers.ContentDisposition = disposition.ToString();
        if (context.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } match && match.Any(m => m.Compare(etag, useStrongComparison: false) || m.Equals(EntityTagHeaderValue.Any)))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        context.Response.ContentType = row.ContentType;
        context.Response.ContentLength = row.Size;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        var bytes = await db.ProjectFileContents.AsNoTracking().Where(c => c.Id == id).Select(c => c.Bytes).FirstAsync(ct);
        await context.Response.Body.WriteAsync(bytes, ct);
    }
}
