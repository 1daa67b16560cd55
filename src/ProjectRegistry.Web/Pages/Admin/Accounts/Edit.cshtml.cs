using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;
using static ProjectRegistry.Web.Pages.Admin.Accounts.CreateModel;

namespace ProjectRegistry.Web.Pages.Admin.Accounts;

public class EditModel(
    RegistryDbContext db, UserManager<StaffUser> users, StaffContext staff, AuditLog audit, TimeProvider clock,
    PasswordLinks links, Infrastructure.Mail.Mailer mailer, Microsoft.Extensions.Options.IOptions<Infrastructure.SiteOptions> site) : PageModel
{
    /// <summary>The line the admin layout shows after the redirect (post/redirect/get).</summary>
    [TempData]
    public string? Status { get; set; }

    [BindProperty]
    public AccessInput Input { get; set; } = new();

    public Account Details { get; private set; } = null!;
    public List<Publisher> Publishers { get; private set; } = [];

    /// <summary>The admin looking at their own account: they may not disable or demote themselves.</summary>
    public bool IsSelf { get; private set; }

    /// <summary>False until the account's owner has chosen a password from the invitation.</summary>
    public bool HasPassword { get; private set; }

    /// <summary>Set right after a link was made: shown in this response only.</summary>
    public LinkSent? Sent { get; private set; }

    public bool MailConfigured => mailer.IsConfigured;

    /// <summary>A password link made for the account: mailed, or (Link) to be handed over by the admin.</summary>
    public sealed record LinkSent(bool Invitation, bool Mailed, string? Link);

    /// <summary>No validation attributes: the other forms on the page post without these fields.</summary>
    public sealed class AccessInput
    {
        public string Role { get; set; } = "";
        public List<int> OrganisationIds { get; set; } = [];
    }

    public sealed record Account(
        string Id, string Email, string? Role, IReadOnlyList<string> Organisations, bool IsDisabled,
        bool TwoFactorEnabled, DateTime CreatedAt, DateTime? LockedOutUntilUtc, int FailedAttempts);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        await DescribeAsync(user, ct);
        var organisationIds = await OrganisationIdsAsync(user.Id, ct);
        Input = new AccessInput { Role = Details.Role ?? Roles.Editor, OrganisationIds = organisationIds };
        return Page();
    }

    public async Task<IActionResult> OnPostAccessAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        var publishers = await PublishersAsync(db, ct);
        var role = Input.Role;
        if (!Roles.All.Contains(role))
            ModelState.AddModelError("Input.Role", "Välj om kontot ska vara redaktör eller administratör.");
        else if (IsCurrentUser(user) && role != Roles.Admin)
            ModelState.AddModelError("Input.Role", "Du kan inte ta bort din egen administratörsroll. Be en annan administratör om det behövs.");
        var chosen = Input.OrganisationIds.Intersect(publishers.Select(p => p.Id)).ToList();
        if (role == Roles.Editor && chosen.Count == 0)
            ModelState.AddModelError("Input.OrganisationIds", "En redaktör behöver minst en organisation, annars finns inga projekt att redigera.");
        if (!ModelState.IsValid)
        {
            await DescribeAsync(user, ct);
            return Page();
        }

        var changes = new List<string>();
        var current = await users.GetRolesAsync(user);
        if (current.Count != 1 || current[0] != role)
        {
            var removed = await users.RemoveFromRolesAsync(user, current);
            var added = removed.Succeeded ? await users.AddToRoleAsync(user, role) : removed;
            if (!added.Succeeded) return await FailAsync(user, added, ct);
            // The security stamp validator re-reads the roles of a signed-in session within a minute.
            var before = current.Count == 0 ? "ingen roll" : string.Join(", ", current.Select(Roles.Label));
            await audit.WriteAsync(AuditKind.RoleChanged, user.Email, $"{before} → {Roles.Label(role)}", ct);
            changes.Add($"rollen är nu {Roles.Label(role).ToLowerInvariant()}");
        }

        // An admin edits every organisation's projects, so only an editor's list is kept up to date.
        if (role == Roles.Editor)
        {
            var tracked = await db.Users.Include(u => u.Organisations).FirstAsync(u => u.Id == user.Id, ct);
            if (!tracked.Organisations.Select(o => o.Id).ToHashSet().SetEquals(chosen))
            {
                var organisations = await db.Organisations.Where(o => chosen.Contains(o.Id)).ToListAsync(ct);
                tracked.Organisations.Clear();
                tracked.Organisations.AddRange(organisations);
                await db.SaveChangesAsync(ct);
                var names = publishers.Where(p => chosen.Contains(p.Id)).Select(p => p.Name);
                await audit.WriteAsync(AuditKind.OrganisationsChanged, user.Email, string.Join(", ", names), ct);
                changes.Add("organisationerna är ändrade");
            }
        }

        Status = changes.Count == 0
            ? "Inget behövde ändras."
            : $"Kontot {user.Email} är sparat: {string.Join(" och ", changes)}.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (IsCurrentUser(user))
        {
            ModelState.AddModelError("", "Du kan inte inaktivera ditt eget konto. Be en annan administratör om det behövs.");
            return await RedisplayAsync(user, ct);
        }
        if (!user.IsDisabled)
        {
            user.IsDisabled = true;
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded) return await FailAsync(user, updated, ct);
            // A new stamp ends the account's sessions; StaffPageFilter already refuses them on the next request.
            await users.UpdateSecurityStampAsync(user);
            await audit.WriteAsync(AuditKind.AccountDisabled, user.Email, ct: ct);
        }
        Status = $"Kontot {user.Email} är inaktiverat. Personen loggas ut och kan inte logga in förrän kontot aktiveras igen.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (user.IsDisabled)
        {
            user.IsDisabled = false;
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded) return await FailAsync(user, updated, ct);
            await audit.WriteAsync(AuditKind.AccountEnabled, user.Email, ct: ct);
        }
        Status = $"Kontot {user.Email} är aktivt igen och kan logga in.";
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// A link for the account's owner to choose a password: an invitation while the account has none yet, else a
    /// reset link. The current password keeps working until a new one is chosen; the admin never sees either.
    /// </summary>
    public async Task<IActionResult> OnPostSendLinkAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        if (IsCurrentUser(user))
        {
            ModelState.AddModelError("", "Ditt eget lösenord byter du under Mitt konto.");
            return await RedisplayAsync(user, ct);
        }
        // A link that may go by mail is built as every mail's is; the request's address only for one shown, never mailed.
        var baseUrl = mailer.IsConfigured ? mailer.LinkBase : Infrastructure.SiteOptions.BaseUrl(Request);
        if (user.PasswordHash is null)
        {
            var role = (await users.GetRolesAsync(user)).Contains(Roles.Admin) ? Roles.Admin : Roles.Editor;
            var (mailed, link) = await CreateModel.Invite(links, mailer, audit, site.Value.Name, baseUrl, user, Roles.Label(role), ct);
            Sent = new LinkSent(true, mailed, mailed ? null : link);
        }
        else
        {
            var link = PasswordLinks.Url(baseUrl, await links.IssueAsync(user, PasswordLinks.Reset, ct));
            var mailed = false;
            if (mailer.IsConfigured)
            {
                var (subject, text) = AccountMails.Reset(site.Value.Name, link);
                mailed = await mailer.TrySendAsync(mailer.Compose(user.Email!, subject, text), ct);
            }
            await audit.WriteAsync(AuditKind.PasswordResetRequested, user.Email,
                mailed ? "av administratör, skickad med e-post" : "av administratör, länken visades", ct);
            Sent = new LinkSent(false, mailed, mailed ? null : link);
        }
        // A link shown is in this response only: no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        return await RedisplayAsync(user, ct);
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        await ClearLockoutAsync(user);
        // There is no audit kind of its own for lifting a lockout; "enabled again" with a detail says what happened.
        await audit.WriteAsync(AuditKind.AccountEnabled, user.Email, "spärren efter misslyckade inloggningar hävd", ct);
        Status = $"Spärren är hävd. {user.Email} kan logga in igen.";
        return RedirectToPage(new { id });
    }

    private bool IsCurrentUser(StaffUser user) => user.Id == staff.UserId;

    private async Task ClearLockoutAsync(StaffUser user)
    {
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
    }

    private async Task<IActionResult> FailAsync(StaffUser user, IdentityResult result, CancellationToken ct)
    {
        foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
        return await RedisplayAsync(user, ct);
    }

    /// <summary>The page again after a POST, showing the account as it is now (and the form as it was sent).</summary>
    private async Task<IActionResult> RedisplayAsync(StaffUser user, CancellationToken ct)
    {
        await DescribeAsync(user, ct);
        Input = new AccessInput { Role = Details.Role ?? Roles.Editor, OrganisationIds = await OrganisationIdsAsync(user.Id, ct) };
        return Page();
    }

    private async Task DescribeAsync(StaffUser user, CancellationToken ct)
    {
        Publishers = await PublishersAsync(db, ct);
        IsSelf = IsCurrentUser(user);
        HasPassword = user.PasswordHash is not null;
        var roles = await users.GetRolesAsync(user);
        var role = roles.Contains(Roles.Admin) ? Roles.Admin : roles.FirstOrDefault();
        var organisations = await db.Users.AsNoTracking().Where(u => u.Id == user.Id)
            .SelectMany(u => u.Organisations).OrderBy(o => o.Name).Select(o => o.Name).ToListAsync(ct);
        var now = clock.GetUtcNow();
        Details = new Account(
            user.Id, user.Email ?? "", role, organisations, user.IsDisabled, user.TwoFactorEnabled,
            user.CreatedAt, user.LockoutEnd > now ? user.LockoutEnd.Value.UtcDateTime : null, user.AccessFailedCount);
    }

    private Task<List<int>> OrganisationIdsAsync(string userId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).SelectMany(u => u.Organisations).Select(o => o.Id).ToListAsync(ct);
}
