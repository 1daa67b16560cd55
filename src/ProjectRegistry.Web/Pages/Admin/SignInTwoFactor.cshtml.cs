using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin;

[EnableRateLimiting(StaffSecurity.SignInRateLimit)]
[RequestSizeLimit(RequestBodyLimit.SignInBytes)]
public class SignInTwoFactorModel(SignInManager<StaffUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Skriv koden från din app, eller en av dina reservkoder.")]
    [StringLength(64, ErrorMessage = "Koden får vara högst {1} tecken.")]
    [Display(Name = "Kod")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "tillbaka")]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Admin/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Admin/SignIn");
        if (!ModelState.IsValid) return Page();

        var code = new string(Code.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(Code.Trim());
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditKind.SignedIn, user.Email, "med tvåstegsverifiering");
            var url = ReturnUrl is { } r && Url.IsLocalUrl(r) && r.StartsWith("/admin", StringComparison.Ordinal) ? r : "/admin";
            return LocalRedirect(url);
        }
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(AuditKind.LockedOut, user.Email);
            Error = "Kontot är tillfälligt spärrat efter för många misslyckade försök. Försök igen om en kvart.";
            return Page();
        }
        await audit.WriteAsync(AuditKind.SignInFailed, user.Email, "fel kod i tvåstegsverifieringen");
        Error = "Koden stämmer inte eller har redan använts; varje kod fungerar en gång. Vänta på nästa kod i appen, kontrollera att klockan i telefonen går rätt och försök igen.";
        return Page();
    }
}
