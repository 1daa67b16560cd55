using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin.Accounts;

public class CreateModel(RegistryDbContext db, UserManager<StaffUser> users, TimeProvider clock, AuditLog audit) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<Publisher> Publishers { get; private set; } = [];

    /// <summary>Set once the account exists: the page then shows the password, this one time only.</summary>
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

    public sealed record Created(string Id, string Email, string RoleLabel, string Password);

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

        var password = StaffAccounts.GeneratePassword();
        // An admin edits every organisation's projects; a list of organisations would only mislead.
        var (user, errors) = await StaffAccounts.CreateAsync(users, db, clock, email, Input.Role, password,
            Input.Role == Roles.Editor ? organisationIds : [], mustChangePassword: true);
        if (user is null)
        {
            foreach (var e in errors) ModelState.AddModelError("Input.Email", e);
            return Page();
        }

        var names = Publishers.Where(p => organisationIds.Contains(p.Id)).Select(p => p.Name).ToList();
        await audit.WriteAsync(AuditKind.AccountCreated, user.Email,
            Input.Role == Roles.Editor ? $"{Roles.Label(Input.Role)} för {string.Join(", ", names)}" : Roles.Label(Input.Role), ct);
        Result = new Created(user.Id, user.Email!, Roles.Label(Input.Role), password);
        // The password is in this response only: no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    internal static async Task<List<Publisher>> PublishersAsync(RegistryDbContext db, CancellationToken ct) =>
        await db.Organisations.AsNoTracking()
            .Where(o => o.ListTitle != null)
            .OrderBy(o => o.Name)
            .Select(o => new Publisher(o.Id, o.Name))
            .ToListAsync(ct);
}
