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
public class SignInModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AuditLog audit, Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> hashing) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "tillbaka")]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv din e-postadress.")]
        [StringLength(254, ErrorMessage = "E-postadressen får vara högst {1} tecken.")]
        [Display(Name = "E-postadress")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Skriv ditt lösenord.")]
        [StringLength(1024, ErrorMessage = "Lösenordet får vara högst {1} tecken.")]
        [Display(Name = "Lösenord")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public void OnGet()
    {
    }

    /// <summary>
    /// An unknown address, a disabled or locked account and a wrong password get the same answer after the same work (one
    /// password hash), so that neither the page nor its timing tells which addresses have an account. The audit
    /// log, which only admins read, still tells them apart.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var email = Input.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new StaffUser(), DummyHashes.GetValue(hashing.Value, _ => NewDummyHash(users)), Input.Password);
            await audit.WriteAsync(AuditKind.SignInFailed, email);
            return Refused();
        }
        if (user.IsDisabled)
        {
            // Checked, and a wrong password counted, exactly as for an active account; it never signs in.
            await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
            await audit.WriteAsync(AuditKind.SignInDisabledAccount, email);
            return Refused();
        }

        if (await users.IsLockedOutAsync(user))
        {
            // The same hash as any other attempt and the same answer (issue 24, L3: a locked account answered at once,
            // in other words, and so told that the address has an account).
            users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? DummyHashes.GetValue(hashing.Value, _ => NewDummyHash(users)), Input.Password);
            await audit.WriteAsync(AuditKind.LockedOut, email);
            return Refused();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.WriteAsync(AuditKind.SignedIn, email);
            return LocalRedirect(SafeReturnUrl);
        }
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Admin/SignInTwoFactor", new { tillbaka = SafeReturnUrl });
        if (result.IsLockedOut)
        {
            await audit.WriteAsync(AuditKind.LockedOut, email);
            return Refused();
        }
        await audit.WriteAsync(AuditKind.SignInFailed, email);
        return Refused();
    }

    private PageResult Refused()
    {
        // One answer for a wrong password, an unknown address, a disabled and a locked account, which says what a
        // locked account's owner needs to know without saying whose it is.
        Error = "Fel e-postadress eller lösenord. Efter fem misslyckade försök i rad är kontot tillfälligt spärrat en kvart.";
        return Page();
    }

    /// <summary>
    /// One dummy hash per app (its hasher settings are a singleton), made once: kept per app and not per process, so that
    /// a second host in the same process (a test host with other settings) gets one with its own iteration count.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PasswordHasherOptions, string> DummyHashes = new();

    /// <summary>A hash made with the app's own hasher and settings (600,000 iterations), so that it costs what a real one does.</summary>
    private static string NewDummyHash(UserManager<StaffUser> users) =>
        users.PasswordHasher.HashPassword(new StaffUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    private string SafeReturnUrl => ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith("/admin", StringComparison.Ordinal) ? url : "/admin";
}
