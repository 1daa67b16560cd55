using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using static ProjectRegistry.Tests.TestSupport.ProjectFileUploads;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>
/// The "Filer och bilder" page of a project, used through its real multipart form: what it takes, what it refuses
/// and how removal and the history's restore treat files. Each test makes its own project.
/// </summary>
public class ProjectFilesTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private readonly HttpClient _public = app.CreateClient(new() { AllowAutoRedirect = false });

    [Fact]
    public async Task An_uploaded_pdf_and_jpeg_are_on_the_project_page_with_type_size_alt_and_credit()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (id, slug) = await NewProjectAsync(editor);
        var edit = await editor.GetPageAsync($"/admin/projekt/{id}");
        Assert.NotNull(edit.QuerySelector($"a[href='{FilesPage(id)}']"));

        var pdf = TestFiles.Pdf();
        await UploadAsync(editor, id, "Slutrapport 2024.pdf", pdf, "application/pdf", "Slutrapport 2024");
        await UploadAsync(editor, id, "IMG_0042.JPG", TestFiles.JpegWithGps(), "image/jpeg", "Utsikt över Malå",
            alt: "Skog och himmel över Malå", credit: "Anna Berg", licence: "CC BY 4.0");

        var files = await editor.GetPageAsync(FilesPage(id));
        Assert.Contains("”Utsikt över Malå” är uppladdad", files.QuerySelector(".notice[role=status]")?.ReadableText() ?? "", StringComparison.Ordinal);
        Assert.Equal(["Utsikt över Malå (huvudbild)", "Slutrapport 2024"], files.QuerySelectorAll("article.file-row h3").Select(h => h.ReadableText()).ToList());

        var page = await _public.GetPageAsync($"/projekt/{slug}");
        var document = page.QuerySelectorAll("section[aria-labelledby=documents-heading] li").Single();
        Assert.Equal("Slutrapport 2024", document.QuerySelector("a")!.ReadableText());
        Assert.Matches(@"^\(PDF, [0-9]+ kB\)$", SwedishText.Normalise(document.QuerySelector(".muted")!.TextContent));
        var img = page.QuerySelector("figure.main-picture img")!;
        Assert.Equal("Skog och himmel över Malå", img.GetAttribute("alt"));
        Assert.Equal("lazy", img.GetAttribute("loading"));
        // Stored 1,200 × 600 and turned by its EXIF orientation: 600 wide, so a 480 and a 600 size, never upscaled.
        Assert.Equal(2, SrcSet(page).Count);
        Assert.Matches(@" 480w, .* 600w$", img.GetAttribute("srcset"));
        Assert.Equal(("600", "1200"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal("Foto: Anna Berg, licens: CC BY 4.0", page.QuerySelector("figure.main-picture figcaption")!.ReadableText());
        var ogImage = page.QuerySelector("meta[property='og:image']")!.GetAttribute("content")!;
        Assert.EndsWith(SrcSet(page)[^1], ogImage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rapport.pdf", "application/pdf", "html")]
    [InlineData("bild.jpg", "image/jpeg", "svg")]
    public async Task An_html_or_svg_file_under_a_document_or_picture_name_is_refused_in_Swedish_and_the_texts_stay(string name, string claimedType, string kind)
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (id, slug) = await NewProjectAsync(editor);
        var form = await FillUploadAsync(editor, id, name, kind == "html" ? TestFiles.Html : TestFiles.Svg, claimedType,
            "Min rapport", alt: "En bild", credit: "Anna Berg", licence: "CC BY 4.0");

        var shown = await form.StayAsync("Ladda upp");

        var summary = shown.Document.QuerySelector(".error-summary")!.ReadableText();
        Assert.Contains("Filen kan inte laddas upp: den är inte en PDF", summary, StringComparison.Ordinal);
        Assert.Contains("avgörs av filens innehåll, inte av dess namn", summary, StringComparison.Ordinal);
        Assert.Equal(("Min rapport", "En bild", "Anna Berg", "CC BY 4.0"),
            (shown.Value("Upload.Title"), shown.Value("Upload.AltText"), shown.Value("Upload.Credit"), shown.Value("Upload.Licence")));
        Assert.Equal(0, await app.InDbAsync(db => db.ProjectFiles.CountAsync(f => f.ProjectId == id)));
        Assert.Null((await _public.GetPageAsync($"/projekt/{slug}")).QuerySelector("section[aria-labelledby=documents-heading]"));
    }

    [Fact]
    public async Task A_picture_needs_an_alt_text()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (id, _) = await NewProjectAsync(editor);
        var form = await FillUploadAsync(editor, id, "bild.jpg", TestFiles.JpegWithGps(320, 240), "image/jpeg", "Bild utan text");

        var shown = await form.StayAsync("Ladda upp");

        Assert.Contains("Skriv en alternativtext", shown.FieldError("Upload.AltText"), StringComparison.Ordinal);
        Assert.Equal("Bild utan text", shown.Value("Upload.Title"));
        Assert.Equal(0, await app.InDbAsync(db => db.ProjectFiles.CountAsync(f => f.ProjectId == id)));
    }

    [Fact]
    public async Task Only_staff_of_the_publisher_may_upload()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (id, _) = await NewProjectAsync(editor);
        var token = await StaffSession.AntiforgeryTokenAsync(editor, FilesPage(id));

        using var anonymous = Multipart(token, TestFiles.Pdf());
        using var anonymousAnswer = await _public.PostAsync(new Uri($"{FilesPage(id)}?handler=Upload", UriKind.Relative), anonymous);
        Assert.True(anonymousAnswer.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized,
            $"Ett anonymt POST gav {(int)anonymousAnswer.StatusCode}.");
        if (anonymousAnswer.StatusCode == HttpStatusCode.Redirect)
            Assert.StartsWith("/admin/logga-in", FormPage.LocationPath(anonymousAnswer) ?? "", StringComparison.Ordinal);

        var other = await app.SignedInAsAsync(Roles.Editor, "leader-polaris");
        Assert.True(IsRefused(await other.GetAsync(new Uri(FilesPage(id), UriKind.Relative))), "En annan organisations redaktör fick se filsidan.");
        var otherToken = await StaffSession.AntiforgeryTokenAsync(other, "/admin/projekt/ny");
        using var foreign = Multipart(otherToken, TestFiles.Pdf());
        Assert.True(IsRefused(await other.PostAsync(new Uri($"{FilesPage(id)}?handler=Upload", UriKind.Relative), foreign)),
            "En annan organisations redaktör fick ladda upp.");
        Assert.Equal(0, await app.InDbAsync(db => db.ProjectFiles.CountAsync(f => f.ProjectId == id)));
    }

    [Fact]
    public async Task A_removed_file_comes_back_when_a_revision_that_had_it_is_restored()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (id, slug) = await NewProjectAsync(editor);
        await UploadAsync(editor, id, "bilaga.pdf", TestFiles.Pdf("Bilaga"), "application/pdf", "Bilaga 1");
        var url = (await _public.GetPageAsync($"/projekt/{slug}")).QuerySelector("section[aria-labelledby=documents-heading] a")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await _public.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);

        var files = await FormPage.OpenAsync(editor, FilesPage(id));
        Assert.Equal(FilesPage(id), await files.SaveAsync("Ta bort ”Bilaga 1”"));

        Assert.Null((await _public.GetPageAsync($"/projekt/{slug}")).QuerySelector("section[aria-labelledby=documents-heading]"));
        Assert.Equal(HttpStatusCode.NotFound, (await _public.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        var history = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}/historik");
        var newest = history.Document.QuerySelectorAll("main section.box")[0];
        Assert.Contains("Filer och bilder ändrade", newest.QuerySelector("h2")!.ReadableText(), StringComparison.Ordinal);
        Assert.Contains("Bilaga 1", newest.QuerySelector("td.diff-before")!.ReadableText(), StringComparison.Ordinal);

        // Version 1 made the project, 2 uploaded the file, 3 removed it.
        Assert.Equal($"/admin/projekt/{id}/historik", await (await history.FollowAsync("Återställ till version 2")).SaveAsync("Ja, återställ till version 2"));

        var page = await _public.GetPageAsync($"/projekt/{slug}");
        Assert.Equal("Bilaga 1", page.QuerySelector("section[aria-labelledby=documents-heading] a")!.ReadableText());
        Assert.Equal(HttpStatusCode.OK, (await _public.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);

        // And restoring the first version, before any file, takes it away again.
        history = await FormPage.OpenAsync(editor, $"/admin/projekt/{id}/historik");
        await (await history.FollowAsync("Återställ till version 1")).SaveAsync("Ja, återställ till version 1");
        Assert.Null((await _public.GetPageAsync($"/projekt/{slug}")).QuerySelector("section[aria-labelledby=documents-heading]"));
    }

    [Fact]
    public async Task A_body_over_20_MB_is_refused_before_it_is_read()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (id, _) = await NewProjectAsync(editor);
        var token = await StaffSession.AntiforgeryTokenAsync(editor, FilesPage(id));
        using var body = Multipart(token, new byte[Web.Uploads.FileStore.MaxFileBytes + 100 * 1024]);

        using var response = await editor.PostAsync(new Uri($"{FilesPage(id)}?handler=Upload", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await app.InDbAsync(db => db.ProjectFiles.CountAsync(f => f.ProjectId == id)));
    }

    private static MultipartFormDataContent Multipart(string? token, byte[] file)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(token ?? ""), "__RequestVerificationToken" },
            { new StringContent("Rapport"), "Upload.Title" },
            { new ByteArrayContent(file), "file", "rapport.pdf" },
        };
        return content;
    }

    private static bool IsRefused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
        || (response.StatusCode == HttpStatusCode.Redirect && FormPage.LocationPath(response) == "/admin/ingen-behorighet");
}
