using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages.Admin;

public class SignOutModel(SignInManager<StaffUser> signIn, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Admin/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var name = User.Identity?.Name;
        await signIn.SignOutAsync();
        await audit.WriteAsync(AuditKind.SignedOut, name);
        TempData["Status"] = "Du är utloggad.";
        return RedirectToPage("/Admin/SignIn");
    }
}
