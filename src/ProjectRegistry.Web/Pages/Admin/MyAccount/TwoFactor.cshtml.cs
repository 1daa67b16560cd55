using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;
using QRCoder;

namespace ProjectRegistry.Web.Pages.Admin.MyAccount;

public class TwoFactorModel(
    UserManager<StaffUser> users, SignInManager<StaffUser> signIn, StaffContext staff, AuditLog audit,
    IOptions<StaffSecurityOptions> options) : PageModel
{
    /// <summary>The line the admin layout shows after the redirect (post/redirect/get).</summary>
    [TempData]
    public string? Status { get; set; }

    public const string Issuer = "Projektregistret";

    /// <summary>Each form binds in its own handler only, so the other form's required field is not missing.</summary>
    public EnableInput Enable { get; set; } = new();

    public DisableInput Disable { get; set; } = new();

    /// <summary>?krav=1: StaffPageFilter sent the account here because the setting demands two-factor sign-in.</summary>
    [BindProperty(SupportsGet = true, Name = "krav")]
    public int Demanded { get; set; }

    public bool IsEnabled { get; private set; }

    /// <summary>Where Security:RequireTwoFactor is set (the default) it cannot be turned off, only set up again with a new app.</summary>
    public bool IsRequired { get; private set; }

    /// <summary>The shared key in groups of four, for typing into the app by hand.</summary>
    public string? FormattedKey { get; private set; }
    public string? QrCodeDataUri { get; private set; }

    /// <summary>Set right after turning it on: shown in this response only.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public sealed class EnableInput
    {
        [Required(ErrorMessage = "Skriv den sexsiffriga koden som appen visar.")]
        [StringLength(64, ErrorMessage = "Koden får vara högst {1} tecken.")]
        [Display(Name = "Kod från appen")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Skriv ditt lösenord för att slå på tvåstegsverifieringen.")]
        [Display(Name = "Ditt lösenord")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public sealed class DisableInput
    {
        [Required(ErrorMessage = "Skriv ditt lösenord för att stänga av tvåstegsverifieringen.")]
        [StringLength(1024, ErrorMessage = "Lösenordet får vara högst {1} tecken.")]
        [Display(Name = "Ditt lösenord")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await staff.GetUserAsync();
        if (user is null) return Challenge();
        await DescribeAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync([FromForm(Name = nameof(Enable))] EnableInput enable)
    {
        Enable = enable;
        var user = await staff.GetUserAsync();
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled)
        {
            Status = "Tvåstegsverifieringen är redan påslagen.";
            return RedirectToPage();
        }
        if (!ModelState.IsValid)
        {
            await DescribeAsync(user);
            return Page();
        }

        if (await ReauthenticateAsync(user, Enable.Password, "Enable.Password") is { } lockedOut) return lockedOut;
        if (!ModelState.IsValid)
        {
            await DescribeAsync(user);
            return Page();
        }
        var code = new string(Enable.Code.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        // Accepted once: the step of this code is recorded, so the same code cannot then sign in.
        var valid = code.Length == 6 && code.All(char.IsAsciiDigit)
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError("Enable.Code", "Koden stämmer inte eller har redan använts. Skriv den kod som appen visar just nu, och kontrollera att klockan i telefonen går rätt.");
            await DescribeAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
        await audit.WriteAsync(AuditKind.TwoFactorEnabled, user.Email);
        // Turning it on gives the account a new security stamp; a fresh cookie keeps this session.
        await signIn.RefreshSignInAsync(user);
        RecoveryCodes = codes?.ToList() ?? [];
        Response.Headers.CacheControl = "no-store";
        await DescribeAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync([FromForm(Name = nameof(Disable))] DisableInput disable)
    {
        Disable = disable;
        var user = await staff.GetUserAsync();
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage();
        if (ModelState.IsValid && await ReauthenticateAsync(user, Disable.Password, "Disable.Password") is { } lockedOut) return lockedOut;
        if (!ModelState.IsValid)
        {
            await DescribeAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key, so that the entry left in the phone's app cannot be used if it is turned on again.
        await users.ResetAuthenticatorKeyAsync(user);
        var required = options.Value.RequireTwoFactor;
        await audit.WriteAsync(AuditKind.TwoFactorDisabled, user.Email, required ? "för att ställa in en ny app" : null);
        await signIn.RefreshSignInAsync(user);
        // Where it is required, StaffPageFilter keeps the account on this page until the new app is set up.
        Status = required
            ? "Den gamla appen fungerar inte längre. Ställ in den nya nedan; tills dess kommer du inte åt något annat."
            : "Tvåstegsverifieringen är avstängd. Du loggar nu in med bara lösenordet.";
        return RedirectToPage();
    }

    /// <summary>
    /// The password again before the second factor changes, so that a session left open is not enough to take
    /// the account over. A wrong one counts towards the lockout like a failed sign-in; a locked account is signed
    /// out (the result returned then).
    /// </summary>
    private async Task<IActionResult?> ReauthenticateAsync(StaffUser user, string password, string field)
    {
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (check.Succeeded) return null;
        if (check.IsLockedOut)
        {
            await audit.WriteAsync(AuditKind.LockedOut, user.Email, "fel lösenord vid ändring av tvåstegsverifieringen");
            await signIn.SignOutAsync();
            Status = "Kontot är tillfälligt spärrat efter för många felaktiga lösenord. Försök igen om en kvart.";
            return RedirectToPage("/Admin/SignIn");
        }
        ModelState.AddModelError(field, "Lösenordet stämmer inte.");
        return null;
    }

    private async Task DescribeAsync(StaffUser user)
    {
        IsEnabled = user.TwoFactorEnabled;
        IsRequired = options.Value.RequireTwoFactor;
        if (IsEnabled) return;

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // A new key gives a new security stamp; keep this session valid.
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        FormattedKey = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email ?? "")}" +
                  $"?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(6));
    }
}
