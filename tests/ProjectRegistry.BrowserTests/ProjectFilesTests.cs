using ProjectRegistry.Tests.TestSupport;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProjectRegistry.Web.Domain;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

using static ProjectRegistry.BrowserTests.Axe;

namespace ProjectRegistry.BrowserTests;

/// <summary>An editor uploads a picture and a document without JavaScript; axe checks the files page and the project page.</summary>
[Collection(SharedBrowser.Name)]
public class ProjectFilesTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task The_files_page_and_a_project_page_with_a_picture_have_no_axe_violations()
    {
        var email = await browser.Services.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var title = $"Bildprojekt Malå {Guid.NewGuid().ToString("N")[..8]}";
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        try
        {
            await page.SignInAsync(email);
            await page.GotoAsync("/admin/projekt/ny");
            await page.GetByLabel("Titel", new() { Exact = true }).FillAsync(title);
            await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Pågående" });
            await page.GetByLabel("Kommuner som projektet berör").FillAsync("Malå");
            await page.GetByRole(AriaRole.Button, new() { Name = "Spara och publicera" }).ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Filer och bilder" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/filer$"));

            await Upload(page).GetByLabel("Fil", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "utsikt.jpg", MimeType = "image/jpeg", Buffer = Jpeg() });
            await Upload(page).GetByLabel("Titel", new() { Exact = true }).FillAsync("Utsikt över Malå");
            await Upload(page).GetByLabel("Alternativtext (krävs för bilder)").FillAsync("Skog och himmel över Malå");
            await Upload(page).GetByLabel("Fotograf eller källa (bilder)").FillAsync("Anna Berg");
            await Upload(page).GetByLabel("Licens (bilder)").FillAsync("CC BY 4.0");
            await page.GetByRole(AriaRole.Button, new() { Name = "Ladda upp" }).ClickAsync();
            await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("är uppladdad");

            await Upload(page).GetByLabel("Fil", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "rapport.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n") });
            await Upload(page).GetByLabel("Titel", new() { Exact = true }).FillAsync("Slutrapport");
            await page.GetByRole(AriaRole.Button, new() { Name = "Ladda upp" }).ClickAsync();
            await Expect(page.Locator(".notice[role=status]")).ToContainTextAsync("är uppladdad");
            await AssertNoViolationsAsync(page, "filsidan");

            // A refused upload shows its errors accessibly too.
            await page.GetByRole(AriaRole.Button, new() { Name = "Ladda upp" }).ClickAsync();
            await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
            await AssertNoViolationsAsync(page, "filsidan med fel");

            await page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
            var publicPath = await page.Locator("main a[href^='/projekt/']").First.GetAttributeAsync("href");
            await using var anonymous = await browser.NewContextAsync();
            var publicPage = await anonymous.NewPageAsync();
            await publicPage.GotoAsync(publicPath!);
            await Expect(publicPage.Locator("figure.main-picture img")).ToHaveAttributeAsync("alt", "Skog och himmel över Malå");
            await Expect(publicPage.Locator("section[aria-labelledby=documents-heading]")).ToContainTextAsync("Slutrapport");
            await AssertNoViolationsAsync(publicPage, "projektsidan med bild");
        }
        finally
        {
            await browser.RemoveProjectAsync(title);
        }
    }

    private static ILocator Upload(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Ladda upp en fil" });

    private static byte[] Jpeg()
    {
        using var bitmap = new SKBitmap(1200, 800);
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(SKColors.SkyBlue);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

}
