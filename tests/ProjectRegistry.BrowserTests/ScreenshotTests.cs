namespace ProjectRegistry.BrowserTests;

[Collection(SharedBrowser.Name)]
public class ScreenshotTests(BrowserFixture browser)
{
    /// <summary>
    /// Full-page pictures of the list, a project, the organisations and the statistics at both widths. They are written to SCREENSHOT_DIR when it is set
    /// (for the README); in every run the picture's width shows whether the page scrolls sideways.
    /// </summary>
    [BrowserTheory]
    [InlineData("/projekt", "projekt", "phone")]
    [InlineData("/projekt", "projekt", "desktop")]
    [InlineData("/projekt/exportfokus", "projekt-exportfokus", "phone")]
    [InlineData("/projekt/exportfokus", "projekt-exportfokus", "desktop")]
    [InlineData("/organisationer", "organisationer", "phone")]
    [InlineData("/organisationer", "organisationer", "desktop")]
    [InlineData("/statistik", "statistik", "phone")]
    [InlineData("/statistik", "statistik", "desktop")]
    public async Task Page_fits_the_screen_width_and_is_saved_as_a_screenshot_when_asked(string path, string name, string viewport)
    {
        var size = viewport == "phone" ? BrowserFixture.Phone : BrowserFixture.Desktop;
        await using var context = await browser.NewContextAsync(size);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        var directory = Environment.GetEnvironmentVariable("SCREENSHOT_DIR");
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var png = await page.ScreenshotAsync(new()
        {
            FullPage = true,
            Path = string.IsNullOrEmpty(directory) ? null : Path.Combine(directory, $"{name}-{viewport}.png"),
        });

        Assert.Equal(size.Width, PngWidth(png));
    }

    // A PNG starts with an 8-byte signature and the IHDR chunk, whose data opens with the width (big-endian).
    private static int PngWidth(byte[] png) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
}
