using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin;

/// <summary>
/// Where an invitation or a reset link leads: the owner of the account chooses its password, and then signs in
/// as usual (two-factor sign-in included). Opening the link uses nothing up (mail scanners open links); only a
/// saved password does.
/// </summary>
[EnableRateLimiting(StaffSecurity.SignInRateLimit)]
[RequestSizeLimit(RequestBodyLimit.SignInBytes)]
public class SetPasswordModel(PasswordLinks links, UserManager<StaffUser> users, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kod")]
    public string? Code { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The account's address, while the link is usable; null for a used, expired or unknown link.</summary>
    public string? Email { get; private set; }

    public bool IsInvitation { get; private set; }

    public bool Saved { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv ett lösenord.")]
        [StringLength(1024, ErrorMessage = "Lösenordet får vara högst {1} tecken.")]
        [Display(Name = "Nytt lösenord")]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Skriv lösenordet en gång till.")]
        [StringLength(1024, ErrorMessage = "Lösenordet får vara högst {1} tecken.")]
        [Compare(nameof(NewPassword), ErrorMessage = "Lösenorden är inte likadana. Skriv samma lösenord två gånger.")]
        [Display(Name = "Lösenordet en gång till")]
        [DataType(DataType.Password)]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The code is in the address: no cache, and no Referer to another site (the referrer policy sends other sites only the origin).
        Response.Headers.CacheControl = "no-store";
        Describe(await links.FindAsync(Code, ct));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var found = await links.FindAsync(Code, ct);
        Describe(found);
        if (found is null) return Page();
        if (!ModelState.IsValid) return Page();

        var user = found.User;
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, user, Input.NewPassword);
            foreach (var e in checkedPassword.Errors) ModelState.AddModelError("Input.NewPassword", e.Description);
        }
        if (!ModelState.IsValid) return Page();
        // Used up before the password is set: of two requests with one link, only one gets past here.
        if (!await links.ConsumeAsync(Code, found, ct))
        {
            Email = null;
            return Page();
        }
        user.MustChangePassword = false;
        user.EmailConfirmed = true;
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), Input.NewPassword);
        if (!reset.Succeeded)
        {
            foreach (var e in reset.Errors) ModelState.AddModelError("Input.NewPassword", e.Description);
            return Page();
        }
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.WriteAsync(AuditKind.PasswordSetFromLink, user.Email, found.Kind == PasswordLinks.Invitation ? "från inbjudan" : "från återställningslänk", ct);
        Saved = true;
        return Page();
    }

    private void Describe(PasswordLinks.Found? found)
    {
        Email = found?.User.Email;
        IsInvitation = found?.Kind == PasswordLinks.Invitation;
    }
}
