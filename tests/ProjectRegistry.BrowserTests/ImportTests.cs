using ProjectRegistry.Tests.TestSupport;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProjectRegistry.Web.Domain;
using static Microsoft.Playwright.Assertions;

using static ProjectRegistry.BrowserTests.Axe;

namespace ProjectRegistry.BrowserTests;

/// <summary>
/// The import as an editor of a Leader office would use it: upload a CSV from Excel, keep the guessed mapping,
/// read the preview, import; and axe finds nothing on the upload, mapping and preview pages (with and without
/// problems in the file) at phone and desktop width.
/// </summary>
[Collection(SharedBrowser.Name)]
public class ImportTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task An_editor_uploads_a_csv_previews_it_and_imports_it_and_axe_finds_nothing_on_the_pages_at_390_and_1280_px()
    {
        var email = await browser.Services.CreateStaffAsync(Roles.Editor, "mala-kommun");
        foreach (var viewport in new[] { BrowserFixture.Phone, BrowserFixture.Desktop })
        {
            var title = $"Importprov {viewport.Width} {Guid.NewGuid().ToString("N")[..6]}";
            await using var context = await browser.NewContextAsync(viewport);
            var page = await context.NewPageAsync();
            try
            {
                await page.SignInAsync(email);
                await page.GetByRole(AriaRole.Link, new() { Name = "Importera", Exact = true }).ClickAsync();
                await Expect(page).ToHaveURLAsync(new Regex("/admin/import$"));
                await AssertNoViolationsAsync(page, $"uppladdningen vid {viewport.Width} px");

                // A file with a mistake first: the preview names the row and column and offers no import.
                await UploadAsync(page, "med-fel.csv", $"Titel;Start;Total budget\r\n{title};2024-13;450 000 kr\r\n");
                await AssertNoViolationsAsync(page, $"kopplingen vid {viewport.Width} px");
                await page.GetByRole(AriaRole.Button, new() { Name = "Förhandsgranska importen" }).ClickAsync();
                await Expect(page.Locator("#problems li")).ToHaveTextAsync(new Regex("^Rad 2, kolumn Start: ”2024-13” är inget datum"));
                await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Importera") })).ToHaveCountAsync(0);
                await AssertNoViolationsAsync(page, $"förhandsgranskningen med fel vid {viewport.Width} px");

                await page.GotoAsync("/admin/import");
                await UploadAsync(page, "projekt.csv", $"Titel;Start;Total budget;Kommuner\r\n{title};2024-03;450 000 kr;Malå\r\n");
                await page.GetByRole(AriaRole.Button, new() { Name = "Förhandsgranska importen" }).ClickAsync();
                await Expect(page).ToHaveURLAsync(new Regex("/forhandsgranska$"));
                await Expect(page.Locator("#rader tbody tr")).ToContainTextAsync("Nytt projekt");
                await AssertNoViolationsAsync(page, $"förhandsgranskningen vid {viewport.Width} px");

                await page.GetByRole(AriaRole.Button, new() { Name = "Importera: skapa 1 projekt och ändra 0 projekt" }).ClickAsync();
                await Expect(page).ToHaveURLAsync(new Regex("/admin/import$"));
                await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("Importen från projekt.csv är klar: 1 projekt skapade");
            }
            finally
            {
                await browser.RemoveProjectAsync(title);
            }
        }
    }

    private static async Task UploadAsync(IPage page, string name, string csv)
    {
        await page.GetByLabel("Fil", new() { Exact = true }).SetInputFilesAsync(new FilePayload
        {
            Name = name, MimeType = "text/csv", Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ladda upp och koppla kolumner" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/import/[0-9a-f]{32}/kolumner$"));
    }

}
