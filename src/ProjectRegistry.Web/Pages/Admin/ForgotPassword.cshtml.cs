using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Mail;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin;

/// <summary>
/// "Glömt lösenordet?": a link to choose a new password, by mail. The answer is the same whether or not the address
/// has an account, and the mail is sent in the background so the answer's time does not tell either. Limited as the
/// sign-in is (the same per-address and per-account counts, since the field is Input.Email), and at most one mail
/// per account every <see cref="PasswordLinks.ResetInterval"/>.
/// </summary>
[EnableRateLimiting(StaffSecurity.SignInRateLimit)]
[RequestSizeLimit(RequestBodyLimit.SignInBytes)]
public class ForgotPasswordModel(
    UserManager<StaffUser> users, PasswordLinks links, Mailer mailer, TimeProvider clock, IOptions<SiteOptions> site, AuditLog audit) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool MailConfigured => mailer.IsConfigured;

    /// <summary>The address the answer names, once the form is sent.</summary>
    public string? SentTo { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Skriv e-postadressen du loggar in med.")]
        [StringLength(254, ErrorMessage = "E-postadressen får vara högst {1} tecken.")]
        [Display(Name = "E-postadress")]
        public string Email { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!mailer.IsConfigured) return Page();
        var email = Input.Email?.Trim() ?? "";
        if (ModelState.IsValid && !EmailAddress.IsValid(email))
            ModelState.AddModelError("Input.Email", $"”{email}” är ingen giltig e-postadress. Den ska se ut som namn@kommun.se.");
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByEmailAsync(email);
        var now = clock.GetUtcNow().UtcDateTime;
        string detail;
        if (user is null) detail = "ingen sådan adress";
        else if (user.IsDisabled) detail = "kontot är inaktiverat; ingen länk skickad";
        else if (await links.IssuedAtAsync(user.Id, PasswordLinks.Reset, ct) is { } last && now - last < PasswordLinks.ResetInterval)
            detail = "en länk skickades nyss; ingen ny skickad";
        else
        {
            var code = await links.IssueAsync(user, PasswordLinks.Reset, ct);
            var (subject, text) = AccountMails.Reset(site.Value.Name, PasswordLinks.Url(mailer.LinkBase, code));
            detail = mailer.Enqueue(mailer.Compose(user.Email!, subject, text)) ? "länk skickad" : "e-posten kunde inte köas";
        }
        await audit.WriteAsync(AuditKind.PasswordResetRequested, email, detail, ct);
        SentTo = email;
        return Page();
    }
}
