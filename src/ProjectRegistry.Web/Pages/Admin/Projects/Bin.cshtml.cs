using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin.Projects;

/// <summary>Deleted projects, for an admin to bring back (Admin only, by the folder convention).</summary>
public class BinModel(RegistryDbContext db, StaffContext staff, TimeProvider clock, AuditLog audit) : PageModel
{
    /// <summary>The line the admin layout shows after the redirect (post/redirect/get).</summary>
    [TempData]
    public string? Status { get; set; }

    public List<Row> Deleted { get; private set; } = [];

    public sealed record Row(int Id, string Title, string Publisher, DateTime DeletedAt, string? DeletedBy);

    public async Task OnGetAsync()
    {
        var rows = await db.Projects.IgnoreQueryFilters().AsNoTracking().Where(p => p.DeletedAt != null)
            .OrderByDescending(p => p.DeletedAt)
            .Select(p => new
            {
                p.Id, p.Title, Publisher = p.Publisher.Name, DeletedAt = p.DeletedAt!.Value,
                By = db.ProjectRevisions.Where(r => r.ProjectId == p.Id && r.Kind == RevisionKind.Deleted).OrderByDescending(r => r.Number).Select(r => r.UserName).FirstOrDefault(),
            })
            .ToListAsync();
        Deleted = rows.Select(r => new Row(r.Id, r.Title, r.Publisher, r.DeletedAt, r.By)).ToList();
    }

    public async Task<IActionResult> OnPostUndeleteAsync(int id)
    {
        var project = await ProjectHistory.WithEverything(db.Projects.IgnoreQueryFilters()).FirstOrDefaultAsync(p => p.Id == id && p.DeletedAt != null);
        if (project is null) return NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var lookups = await ProjectLookups.LoadAsync(db, staff, id);
        var before = ProjectHistory.Take(project);
        project.DeletedAt = null;
        project.UpdatedAt = now;
        await ProjectHistory.SaveWithRevisionAsync(db, project, before, RevisionKind.Undeleted, lookups, staff, now);
        await audit.WriteAsync(AuditKind.ProjectUndeleted, null, $"”{project.Title}” (projekt {project.Id})");
        Status = $"Projektet ”{project.Title}” är tillbaka{(project.IsPublished ? " och syns för allmänheten igen" : "")}.";
        return RedirectToPage();
    }
}
