using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>
/// Who the signed-in member of staff is and what they may touch: the one place that decides whether an
/// editor may edit a project (its publisher must be one of the editor's organisations). Every admin
/// handler asks here, not only the menu.
/// </summary>
public sealed class StaffContext(RegistryDbContext db, IHttpContextAccessor http, UserManager<StaffUser> users)
{
    private StaffUser? _user;
    private HashSet<int>? _organisationIds;

    public ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();
    public bool IsAdmin => Principal.IsInRole(Roles.Admin);
    public string? UserId => users.GetUserId(Principal);
    public string Name => Principal.Identity?.Name ?? "okänd";

    public async Task<StaffUser?> GetUserAsync()
    {
        if (_user is null && UserId is { } id)
            _user = await db.Users.Include(u => u.Organisations).FirstOrDefaultAsync(u => u.Id == id);
        return _user;
    }

    /// <summary>The publishing organisations whose projects this user may edit (all of them for an admin).</summary>
    public async Task<HashSet<int>> EditableOrganisationIdsAsync()
    {
        if (_organisationIds is not null) return _organisationIds;
        if (IsAdmin)
            _organisationIds = (await db.Organisations.Select(o => o.Id).ToListAsync()).ToHashSet();
        else
            _organisationIds = (await GetUserAsync())?.Organisations.Select(o => o.Id).ToHashSet() ?? [];
        return _organisationIds;
    }

    public async Task<bool> CanEditPublisherAsync(int publisherId) =>
        IsAdmin || (await EditableOrganisationIdsAsync()).Contains(publisherId);

    /// <summary>The projects this user may see and edit in the admin area.</summary>
    public async Task<IQueryable<Project>> EditableProjectsAsync()
    {
        if (IsAdmin) return db.Projects;
        var ids = await EditableOrganisationIdsAsync();
        return db.Projects.Where(p => ids.Contains(p.PublisherId));
    }
}
