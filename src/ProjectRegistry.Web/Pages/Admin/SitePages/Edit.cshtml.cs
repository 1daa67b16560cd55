using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Security;
using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Web.Pages.Admin.SitePages;

/// <summary>Admins edit "Om registret" and the accessibility statement (Admin only, by the folder convention).</summary>
public class EditModel(RegistryDbContext db, MarkdownRenderer markdown, StaffContext staff, TimeProvider clock) : PageModel
{
    /// <summary>The line the admin layout shows after the redirect (post/redirect/get).</summary>
    [TempData]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "sida")]
    public string? Slug { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? PreviewHtml { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv sidans rubrik.")]
        [Display(Name = "Rubrik")]
        public string Title { get; set; } = "";

        [Required(ErrorMessage = "Sidan kan inte vara tom.")]
        [Display(Name = "Text")]
        public string Markdown { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var page = await FindAsync();
        if (page is null) return NotFound();
        Input = new InputModel { Title = page.Title, Markdown = page.Markdown };
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (await FindAsync() is null) return NotFound();
        ModelState.Clear();
        PreviewHtml = markdown.ToHtml(Input.Markdown, topHeadingLevel: 2);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var page = await FindAsync();
        if (page is null) return NotFound();
        if (!ModelState.IsValid) return Page();
        var title = SitePageTexts.Title.Clean(Input.Title);
        var text = SitePageTexts.Markdown.Clean(Input.Markdown);
        if (title is null) ModelState.AddModelError("Input.Title", "Skriv sidans rubrik.");
        else if (SitePageTexts.Title.Problem(title) is { } titleProblem) ModelState.AddModelError("Input.Title", titleProblem);
        if (text is null) ModelState.AddModelError("Input.Markdown", "Sidan kan inte vara tom.");
        else if (SitePageTexts.Markdown.Problem(text) is { } textProblem) ModelState.AddModelError("Input.Markdown", textProblem);
        if (!ModelState.IsValid) return Page();
        page.Title = title!;
        page.Markdown = text!;
        page.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        page.UpdatedBy = staff.Name;
        await db.SaveChangesAsync();
        Status = $"Sidan ”{page.Title}” är sparad och visas på /{page.Slug}.";
        return RedirectToPage(new { sida = page.Slug });
    }

    private async Task<SitePage?> FindAsync()
    {
        Slug = SitePage.Known.Contains(Slug) ? Slug : SitePage.Known[0];
        return await db.SitePages.FirstOrDefaultAsync(p => p.Slug == Slug);
    }
}
