using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using static ProjectRegistry.Tests.TestSupport.ProjectFileUploads;

namespace ProjectRegistry.Tests.Security;

/// <summary>
/// What an editor's account can store (issue 24, item 3): a number of files per project and a sum per organisation,
/// each refused at its limit with a Swedish message and nothing stored.
/// </summary>
public class FileQuotaTests
{
    [Fact]
    public async Task A_project_at_its_number_of_files_refuses_the_next_in_Swedish_until_one_is_removed()
    {
        await using var app = new RegistryAppFactory { Settings = new() { ["Uploads:MaxFilesPerProject"] = "2" } };
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (id, _) = await NewProjectAsync(editor);
        await UploadAsync(editor, id, "rapport-1.pdf", TestFiles.Pdf("Ett"), "application/pdf", "Rapport 1");
        await UploadAsync(editor, id, "rapport-2.pdf", TestFiles.Pdf("Två"), "application/pdf", "Rapport 2");

        var refused = await (await FillUploadAsync(editor, id, "rapport-3.pdf", TestFiles.Pdf("Tre"), "application/pdf", "Rapport 3")).StayAsync("Ladda upp");

        Assert.Equal("Projektet har redan 2 filer, så många som ett projekt får ha. Ta bort en fil som inte behövs innan du laddar upp en ny.",
            refused.Document.QuerySelector("#file-error")?.ReadableText());
        Assert.Equal(2, await app.InDbAsync(db => Task.FromResult(db.ProjectFiles.Count(f => f.ProjectId == id && f.RemovedAt == null))));
    }

    [Fact]
    public async Task An_organisation_at_its_stored_sum_refuses_an_upload_in_Swedish_and_another_organisation_still_uploads()
    {
        // About 1 kB for Malå kommun's projects together: the first small PDF fits, the next does not.
        var pdf = TestFiles.Pdf("Slutrapport");
        var limit = (pdf.Length * 1.5 / (1024.0 * 1024 * 1024)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var app = new RegistryAppFactory { Settings = new() { ["Uploads:MaxGigabytesPerOrganisation"] = limit } };
        var mala = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var (first, _) = await NewProjectAsync(mala);
        var (second, _) = await NewProjectAsync(mala);
        await UploadAsync(mala, first, "rapport.pdf", pdf, "application/pdf", "Rapport");

        var refused = await (await FillUploadAsync(mala, second, "rapport.pdf", pdf, "application/pdf", "Rapport")).StayAsync("Ladda upp");

        Assert.StartsWith("Organisationens projekt har redan filer på sammanlagt", refused.Document.QuerySelector("#file-error")?.ReadableText(), StringComparison.Ordinal);
        var polaris = await app.SignedInAsAsync(Roles.Editor, "leader-polaris");
        var (other, _) = await NewProjectAsync(polaris);
        await UploadAsync(polaris, other, "rapport.pdf", pdf, "application/pdf", "Rapport");
    }
}
