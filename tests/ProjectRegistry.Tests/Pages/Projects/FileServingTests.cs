using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using static ProjectRegistry.Tests.TestSupport.ProjectFileUploads;

namespace ProjectRegistry.Tests.Pages.Projects;

/// <summary>Uploaded files as the public gets them: headers, no camera metadata, and only while the project is public.</summary>
public class FileServingTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private readonly HttpClient _public = app.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task A_document_is_served_as_an_attachment_with_its_hash_as_etag_a_years_cache_and_a_sandbox()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (id, slug) = await NewProjectAsync(editor);
        var pdf = TestFiles.Pdf();
        await UploadAsync(editor, id, "Slutrapport – Malå 2024.pdf", pdf, "text/html", "Slutrapport");
        var url = (await _public.GetPageAsync($"/projekt/{slug}")).QuerySelector("section[aria-labelledby=documents-heading] a")!.GetAttribute("href")!;

        using var response = await _public.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        // The browser's claim (text/html) is not what is served: the bytes said PDF.
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Slutrapport-Malå-2024.pdf", disposition.FileNameStar);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("sandbox", string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        var hash = Convert.ToHexStringLower(SHA256.HashData(pdf));
        Assert.Equal($"\"{hash}\"", response.Headers.ETag?.Tag);
        Assert.Contains(hash, url, StringComparison.Ordinal);
        // Kept briefly and revalidated by its ETag, since the project may be unpublished (issue 24, L7): not a year, not immutable.
        Assert.True(response.Headers.CacheControl is { Public: true, MustRevalidate: true, MaxAge.TotalMinutes: 5 }, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.DoesNotContain("immutable", response.Headers.CacheControl!.Extensions.Select(e => e.Name));

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(new($"\"{hash}\""));
        using var notModified = await _public.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        // A wrong hash in the address is not the file.
        Assert.Equal(HttpStatusCode.NotFound, (await _public.GetAsync(new Uri(url.Replace(hash, new string('0', 64), StringComparison.Ordinal), UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task No_served_size_of_a_photo_carries_its_exif_or_gps_and_the_original_is_not_public()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (id, slug) = await NewProjectAsync(editor);
        var photo = TestFiles.JpegWithGps();
        Assert.Contains(TestFiles.JpegSegments(photo), s => s.Marker == 0xE1 && s.Payload.AsSpan().StartsWith("Exif\0\0"u8));
        await UploadAsync(editor, id, "IMG_0042.jpg", photo, "image/jpeg", "Utsikt", alt: "Skog och himmel");

        var sizes = SrcSet(await _public.GetPageAsync($"/projekt/{slug}"));

        Assert.NotEmpty(sizes);
        foreach (var url in sizes)
        {
            using var response = await _public.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var segments = TestFiles.JpegSegments(bytes);
            Assert.DoesNotContain(segments, s => s.Marker == 0xE1); // no EXIF, no XMP
            Assert.Equal(-1, bytes.AsSpan().IndexOf("Exif"u8));
            // Turned as the EXIF said before the EXIF went: stored 1,200 × 600, shown standing.
            var (width, height) = TestFiles.JpegSize(bytes);
            Assert.True(height == width * 2, $"{url} är {width} × {height}.");
        }

        var original = await app.InDbAsync(db => db.ProjectFileContents.Where(c => c.Variant == 0 && db.ProjectFiles.Any(f => f.Id == c.FileId && f.ProjectId == id))
            .Select(c => new { c.Id, c.Hash }).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _public.GetAsync(new Uri($"/filer/{original.Id}/{original.Hash}/IMG_0042.jpg", UriKind.Relative))).StatusCode);
        // Staff may fetch it from the files page.
        var files = await editor.GetPageAsync(FilesPage(id));
        var link = files.QuerySelectorAll("a").First(a => a.TextContent == "Hämta originalet").GetAttribute("href")!;
        Assert.Equal(photo, await editor.GetByteArrayAsync(new Uri(link, UriKind.Relative)));
        Assert.NotEqual(HttpStatusCode.OK, (await _public.GetAsync(new Uri(link, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_drafts_files_are_not_public_until_it_is_published()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (id, slug) = await NewProjectAsync(editor, publish: false);
        await UploadAsync(editor, id, "rapport.pdf", TestFiles.Pdf(), "application/pdf", "Rapport");
        var content = await app.InDbAsync(db => db.ProjectFileContents.Where(c => db.ProjectFiles.Any(f => f.Id == c.FileId && f.ProjectId == id))
            .Select(c => new { c.Id, c.Hash }).SingleAsync());
        var url = $"/filer/{content.Id}/{content.Hash}/rapport.pdf";

        Assert.Equal(HttpStatusCode.NotFound, (await _public.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);

        var edit = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        await edit.SaveAsync("Spara och publicera");
        Assert.Equal(HttpStatusCode.OK, (await _public.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        Assert.Equal("Rapport", (await _public.GetPageAsync($"/projekt/{slug}")).QuerySelector("section[aria-labelledby=documents-heading] a")!.ReadableText());

        edit = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}");
        await edit.SaveAsync("Spara och gör till utkast");
        Assert.Equal(HttpStatusCode.NotFound, (await _public.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_project_page_with_a_picture_and_documents_stays_under_40_kB_on_the_wire()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (id, slug) = await NewProjectAsync(editor);
        await UploadAsync(editor, id, "bild.jpg", TestFiles.JpegWithGps(), "image/jpeg", "Utsikt", alt: "Skog och himmel", credit: "Anna Berg", licence: "CC BY 4.0");
        for (var i = 1; i <= 5; i++) await UploadAsync(editor, id, $"bilaga-{i}.pdf", TestFiles.Pdf($"Bilaga {i}"), "application/pdf", $"Bilaga {i} till slutrapporten");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/projekt/{slug}");
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await _public.SendAsync(request);
        var wire = (await response.Content.ReadAsByteArrayAsync()).Length;
        Assert.True(wire < 40 * 1024, $"Sidan är {wire} byte.");
    }
}
