using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Caching;
using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Web.Pages.About;

/// <summary>/om and /tillganglighet: the site's own text, which admins keep up as Markdown.</summary>
[OutputCache(PolicyName = PublicCache.Policy)]
public class SitePageModel(RegistryDbContext db, MarkdownRenderer markdown) : PageModel
{
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Html { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var page = await db.SitePages.AsNoTracking().FirstOrDefaultAsync(p => p.Slug == slug);
        if (page is null) return NotFound();
        Slug = page.Slug;
        Title = page.Title;
        Html = markdown.ToHtml(page.Markdown, topHeadingLevel: 2);
        UpdatedAt = page.UpdatedAt;
        return Page();
    }
}
