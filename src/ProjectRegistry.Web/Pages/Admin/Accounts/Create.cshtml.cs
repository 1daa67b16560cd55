using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Mail;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin.Accounts;

public class CreateModel(
    RegistryDbContext db, UserManager<StaffUser> users, TimeProvider clock, AuditLog audit, PasswordLinks links, Mailer mailer,
    Microsoft.Extensions.Options.IOptions<SiteOptions> site) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<Publisher> Publishers { get; private set; } = [];

    public bool MailConfigured => mailer.IsConfigured;

    /// <summary>
    /// Set once the account exists: the invitation was mailed, or (without mail, or when the server refused it) its
    /// link is shown, this one time only. Never a password: the account's owner chooses it.
    /// </summary>
    public Created? Result { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv e-postadressen till den som ska ha kontot.")]
        [StringLength(254, ErrorMessage = "E-postadressen får vara högst {1} tecken.")]
        [Display(Name = "E-postadress")]
        public string Email { get; set; } = "";

        public string Role { get; set; } = Roles.Editor;

        public List<int> OrganisationIds { get; set; } = [];
    }

    public sealed record Publisher(int Id, string Name);

    public sealed record Created(string Id, string Email, string RoleLabel, bool Mailed, string? Link);

    public async Task OnGetAsync(CancellationToken ct) => Publishers = await PublishersAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Publishers = await PublishersAsync(db, ct);
        var email = Input.Email?.Trim() ?? "";
        if (ModelState.IsValid && !EmailAddress.IsValid(email))
            ModelState.AddModelError("Input.Email", $"”{email}” är ingen giltig e-postadress. Den ska se ut som namn@kommun.se.");
        else if (ModelState.IsValid && await users.FindByEmailAsync(email) is not null)
            ModelState.AddModelError("Input.Email", $"Det finns redan ett konto med e-postadressen {email}.");
        if (!Roles.All.Contains(Input.Role))
            ModelState.AddModelError("Input.Role", "Välj om kontot ska vara redaktör eller administratör.");
        // Only publishers can be chosen; anything else in the form is ignored.
        var organisationIds = Input.OrganisationIds.Intersect(Publishers.Select(p => p.Id)).ToList();
        if (Input.Role == Roles.Editor && organisationIds.Count == 0)
            ModelState.AddModelError("Input.OrganisationIds", "En redaktör behöver minst en organisation, annars finns inga projekt att redigera.");
        if (!ModelState.IsValid) return Page();

        // An admin edits every organisation's projects; a list of organisations would only mislead.
        var (user, errors) = await StaffAccounts.CreateAsync(users, db, clock, email, Input.Role, password: null,
            Input.Role == Roles.Editor ? organisationIds : []);
        if (user is null)
        {
            foreach (var e in errors) ModelState.AddModelError("Input.Email", e);
            return Page();
        }

        var names = Publishers.Where(p => organisationIds.Contains(p.Id)).Select(p => p.Name).ToList();
        await audit.WriteAsync(AuditKind.AccountCreated, user.Email,
            Input.Role == Roles.Editor ? $"{Roles.Label(Input.Role)} för {string.Join(", ", names)}" : Roles.Label(Input.Role), ct);
        var (mailed, link) = await InviteAsync(user, Roles.Label(Input.Role), ct);
        Result = new Created(user.Id, user.Email!, Roles.Label(Input.Role), mailed, mailed ? null : link);
        // The link is in this response only: no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>
    /// A new invitation link, mailed when mail is configured (sent now, so that the admin learns whether it went);
    /// the link itself is returned for the page to show when it was not mailed.
    /// </summary>
    private async Task<(bool Mailed, string Link)> InviteAsync(StaffUser user, string roleLabel, CancellationToken ct) =>
        // A link that may go by mail is built as every mail's is; the request's address only for one shown, never mailed.
        await Invite(links, mailer, audit, site.Value.Name, mailer.IsConfigured ? mailer.LinkBase : SiteOptions.BaseUrl(Request), user, roleLabel, ct);

    internal static async Task<(bool Mailed, string Link)> Invite(
        PasswordLinks links, Mailer mailer, AuditLog audit, string siteName, string baseUrl, StaffUser user, string roleLabel, CancellationToken ct)
    {
        var link = PasswordLinks.Url(baseUrl, await links.IssueAsync(user, PasswordLinks.Invitation, ct));
        var mailed = false;
        if (mailer.IsConfigured)
        {
            var (subject, text) = AccountMails.Invitation(siteName, baseUrl, user.Email!, roleLabel, link);
            mailed = await mailer.TrySendAsync(mailer.Compose(user.Email!, subject, text), ct);
        }
        await audit.WriteAsync(AuditKind.InvitationSent, user.Email,
            mailed ? "skickad med e-post" : mailer.IsConfigured ? "e-posten gick inte iväg; länken visades för administratören" : "länken visades för administratören (ingen e-post inställd)", ct);
        return (mailed, link);
    }

    internal static async Task<List<Publisher>> PublishersAsync(RegistryDbContext db, CancellationToken ct) =>
        await db.Organisations.AsNoTracking()
            .Where(o => o.ListTitle != null)
            .OrderBy(o => o.Name)
            .Select(o => new Publisher(o.Id, o.Name))
            .ToListAsync(ct);
}
