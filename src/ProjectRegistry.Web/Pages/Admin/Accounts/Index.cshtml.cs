using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Pages.Admin.Accounts;

public class IndexModel(RegistryDbContext db, TimeProvider clock) : PageModel
{
    public List<Row> Accounts { get; private set; } = [];

    public sealed record Row(
        string Id, string Email, string? Role, IReadOnlyList<string> Organisations,
        bool IsDisabled, bool TwoFactorEnabled, DateTime? LockedOutUntilUtc);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var roles = await RolesByUserAsync(db, ct);
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.Email)
            .Select(u => new
            {
                u.Id, u.Email, u.IsDisabled, u.TwoFactorEnabled, u.LockoutEnd,
                Organisations = u.Organisations.Select(o => o.Name).ToList(),
            })
            .ToListAsync(ct);
        // LockoutEnd is a DateTimeOffset, which SQLite cannot compare: it is checked here, not in the query.
        Accounts = users.Select(u => new Row(
                u.Id, u.Email ?? "", roles.GetValueOrDefault(u.Id), u.Organisations.Order(StringComparer.CurrentCulture).ToList(),
                u.IsDisabled, u.TwoFactorEnabled, u.LockoutEnd > now ? u.LockoutEnd.Value.UtcDateTime : null))
            .ToList();
    }

    /// <summary>Each account's role; an account has one (StaffAccounts gives it exactly one).</summary>
    internal static async Task<Dictionary<string, string>> RolesByUserAsync(RegistryDbContext db, CancellationToken ct) =>
        (await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct))
        .GroupBy(x => x.UserId)
        .ToDictionary(g => g.Key, g => g.Select(x => x.Name ?? "").OrderBy(n => n == Roles.Admin ? 0 : 1).First());
}
