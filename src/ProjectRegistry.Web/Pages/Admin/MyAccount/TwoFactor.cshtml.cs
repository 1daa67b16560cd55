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
    public const string Issuer = "Projektregistret";

    /// <summary>Each form binds in its own handler only, so the other form's required field is not missing.</summary>
    public EnableInput Enable { get; set; } = new();

    public DisableInput Disable { get; set; } = new();

    /// <summary>?krav=1: StaffPageFilter sent an admin here because the setting demands two-factor sign-in.</summary>
    [BindProperty(SupportsGet = true, Name = "krav")]
    public int Demanded { get; set; }

    public bool IsEnabled { get; private set; }

    /// <summary>An admin may not turn it off where Security:RequireTwoFactorForAdmins is set.</summary>
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
            TempData["Status"] = "Tvåstegsverifieringen är redan påslagen.";
            return RedirectToPage();
        }
        if (!ModelState.IsValid)
        {
            await DescribeAsync(user);
            return Page();
        }

        var code = new string(Enable.Code.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        var valid = code.Length == 6 && code.All(char.IsAsciiDigit)
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError("Enable.Code", "Koden stämmer inte. Skriv den kod som appen visar just nu, och kontrollera att klockan i telefonen går rätt.");
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
        if (RequiredFor(user))
        {
            ModelState.AddModelError("", "Administratörer måste ha tvåstegsverifiering påslagen här, så den kan inte stängas av.");
            await DescribeAsync(user);
            return Page();
        }
        if (ModelState.IsValid && !await users.CheckPasswordAsync(user, Disable.Password))
            ModelState.AddModelError("Disable.Password", "Lösenordet stämmer inte.");
        if (!ModelState.IsValid)
        {
            await DescribeAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key, so that the entry left in the phone's app cannot be used if it is turned on again.
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.WriteAsync(AuditKind.TwoFactorDisabled, user.Email);
        await signIn.RefreshSignInAsync(user);
        TempData["Status"] = "Tvåstegsverifieringen är avstängd. Du loggar nu in med bara lösenordet.";
        return RedirectToPage();
    }

    private bool RequiredFor(StaffUser user) => options.Value.RequireTwoFactorForAdmins && staff.IsAdmin;

    private async Task DescribeAsync(StaffUser user)
    {
        IsEnabled = user.TwoFactorEnabled;
        IsRequired = RequiredFor(user);
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
