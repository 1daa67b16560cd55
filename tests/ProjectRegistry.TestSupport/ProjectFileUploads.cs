using System.Net;
using AngleSharp.Dom;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>A project of one's own and files uploaded to it through the real forms.</summary>
public static class ProjectFileUploads
{
    /// <summary>A new project in Malå kommun's list, published or a draft; its id and its public address name.</summary>
    public static async Task<(int Id, string Slug)> NewProjectAsync(HttpClient editor, bool publish = true)
    {
        var form = await FormPage.OpenAsync(editor, "/admin/projekt/ny");
        form.Type("Input.Title", $"Bildprojekt {Guid.NewGuid().ToString("N")[..10]}").Choose("Input.Status", "Pågående").Type("Input.Municipalities", "Malå");
        var saved = await form.SaveAsync(publish ? "Spara och publicera" : "Spara");
        var id = int.Parse(saved.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var slug = (await FormPage.OpenAsync(editor, saved)).Value("Input.Slug")!;
        return (id, slug);
    }

    public static string FilesPage(int projectId) => $"/admin/projekt/{projectId}/filer";

    /// <summary>The files page with the upload form filled in (not sent).</summary>
    public static async Task<FormPage> FillUploadAsync(HttpClient editor, int projectId, string fileName, byte[] bytes, string contentType,
        string title, string? alt = null, string? credit = null, string? licence = null)
    {
        var page = await FormPage.OpenAsync(editor, FilesPage(projectId));
        page.Attach("file", fileName, bytes, contentType).Type("Upload.Title", title);
        if (alt is not null) page.Type("Upload.AltText", alt);
        if (credit is not null) page.Type("Upload.Credit", credit);
        if (licence is not null) page.Type("Upload.Licence", licence);
        return page;
    }

    /// <summary>Uploads and follows the redirect back to the files page.</summary>
    public static async Task UploadAsync(HttpClient editor, int projectId, string fileName, byte[] bytes, string contentType,
        string title, string? alt = null, string? credit = null, string? licence = null)
    {
        var page = await FillUploadAsync(editor, projectId, fileName, bytes, contentType, title, alt, credit, licence);
        Assert.Equal(FilesPage(projectId), await page.SaveAsync("Ladda upp"));
    }

    /// <summary>The addresses of every web size of the project page's main picture (its srcset).</summary>
    public static List<string> SrcSet(IDocument page) =>
        (page.QuerySelector("figure.main-picture img")?.GetAttribute("srcset") ?? "")
        .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(s => s.Split(' ')[0]).ToList();
}
