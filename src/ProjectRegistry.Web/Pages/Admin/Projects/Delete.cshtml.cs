using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin.Projects;

/// <summary>Soft delete: the project leaves every list and page, and an admin can bring it back.</summary>
public class DeleteModel(RegistryDbContext db, StaffContext staff, TimeProvider clock, AuditLog audit) : PageModel
{
    /// <summary>The line the admin layout shows after the redirect (post/redirect/get).</summary>
    [TempData]
    public string? Status { get; set; }

    public Project Project { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        if (!await staff.CanEditPublisherAsync(project.PublisherId)) return Forbid();
        Project = project;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var project = await ProjectHistory.WithEverything(db.Projects).FirstOrDefaultAsync(p => p.Id == id);
        if (project is null) return NotFound();
        if (!await staff.CanEditPublisherAsync(project.PublisherId)) return Forbid();
        var now = clock.GetUtcNow().UtcDateTime;
        var lookups = await ProjectLookups.LoadAsync(db, staff, id);
        var before = ProjectHistory.Take(project);
        project.DeletedAt = now;
        project.UpdatedAt = now;
        await ProjectHistory.SaveWithRevisionAsync(db, project, before, RevisionKind.Deleted, lookups, staff, now);
        await audit.WriteAsync(AuditKind.ProjectDeleted, null, $"”{project.Title}” (projekt {project.Id})");
        Status = $"Projektet ”{project.Title}” är borttaget. En administratör kan ångra det under Borttagna projekt.";
        return RedirectToPage("/Admin/Index");
    }
}
