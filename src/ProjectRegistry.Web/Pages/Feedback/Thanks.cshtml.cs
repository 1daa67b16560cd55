using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;

namespace ProjectRegistry.Web.Pages.Feedback;

/// <summary>After a message was sent: a page of its own (post/redirect/get), so a reload sends nothing twice.</summary>
public class ThanksModel(RegistryDbContext db) : PageModel
{
    public string? ProjectTitle { get; private set; }

    public string BackUrl { get; private set; } = $"/{SendModel.StatementSlug}";

    public async Task OnGetAsync([FromQuery(Name = "projekt")] int? projectId, CancellationToken ct)
    {
        if (projectId is not { } id) return;
        var project = await db.PublicProjects.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Title, p.Slug }).FirstOrDefaultAsync(ct);
        if (project is null) return;
        ProjectTitle = project.Title;
        BackUrl = $"/projekt/{project.Slug}";
    }
}
