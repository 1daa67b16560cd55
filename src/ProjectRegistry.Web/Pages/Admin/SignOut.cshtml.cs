using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin;

public class SignOutModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AuditLog audit) : PageModel
{
    /// <summary>The line the admin layout shows after the redirect (post/redirect/get).</summary>
    [TempData]
    public string? Status { get; set; }

    public IActionResult OnGet() => RedirectToPage("/Admin/Index");

    /// <summary>
    /// A new security stamp ends the session on the server: a copy of the cookie (and any other session of the
    /// account) is refused from the next request on, since the stamp is checked on every request.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        var name = User.Identity?.Name;
        if (await users.GetUserAsync(User) is { } user) await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        await audit.WriteAsync(AuditKind.SignedOut, name);
        Status = "Du är utloggad.";
        return RedirectToPage("/Admin/SignIn");
    }
}
