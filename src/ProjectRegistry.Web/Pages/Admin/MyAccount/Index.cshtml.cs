using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin.MyAccount;

public class IndexModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, StaffContext staff, AuditLog audit) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public string Email { get; private set; } = "";
    public string RoleLabel { get; private set; } = "";
    public IReadOnlyList<string> Organisations { get; private set; } = [];
    public bool TwoFactorEnabled { get; private set; }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Skriv ditt nuvarande lösenord.")]
        [StringLength(1024, ErrorMessage = "Lösenordet får vara högst {1} tecken.")]
        [Display(Name = "Nuvarande lösenord")]
        [DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Skriv ett nytt lösenord.")]
        [StringLength(1024, ErrorMessage = "Lösenordet får vara högst {1} tecken.")]
        [Display(Name = "Nytt lösenord")]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Skriv det nya lösenordet en gång till.")]
        [StringLength(1024, ErrorMessage = "Lösenordet får vara högst {1} tecken.")]
        [Compare(nameof(NewPassword), ErrorMessage = "Lösenorden är inte likadana. Skriv samma nya lösenord två gånger.")]
        [Display(Name = "Nytt lösenord en gång till")]
        [DataType(DataType.Password)]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await staff.GetUserAsync();
        if (user is null) return Challenge();
        Describe(user);
        return Page();
    }

    public async Task<IActionResult> OnPostChangePasswordAsync()
    {
        var user = await staff.GetUserAsync();
        if (user is null) return Challenge();
        Describe(user);
        if (!ModelState.IsValid) return Page();

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                var wrongCurrent = e.Code == nameof(IdentityErrorDescriber.PasswordMismatch);
                ModelState.AddModelError(wrongCurrent ? "Input.CurrentPassword" : "Input.NewPassword",
                    wrongCurrent ? "Det nuvarande lösenordet stämmer inte." : e.Description);
                // Guessing the current password from a left-open session counts towards the lockout like a sign-in.
                if (wrongCurrent) await users.AccessFailedAsync(user);
            }
            return Page();
        }

        await audit.WriteAsync(AuditKind.PasswordChanged, user.Email);
        // The new security stamp would end this session too at the next check; a fresh cookie keeps it.
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = "Ditt lösenord är bytt. Använd det nya nästa gång du loggar in.";
        return RedirectToPage();
    }

    private void Describe(StaffUser user)
    {
        Email = user.Email ?? "";
        RoleLabel = Roles.Label(staff.IsAdmin ? Roles.Admin : Roles.Editor);
        Organisations = user.Organisations.Select(o => o.Name).Order(StringComparer.CurrentCulture).ToList();
        TwoFactorEnabled = user.TwoFactorEnabled;
    }
}
