using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>
/// Runs before every admin page handler, and every handler at an admin address: a disabled account is signed out at once, an account with a generated
/// password is sent to choose its own, and (Security:RequireTwoFactor, the default) an account without two-factor
/// sign-in is sent to turn it on before anything else.
/// </summary>
public sealed class StaffPageFilter(IOptions<StaffSecurityOptions> options) : IAsyncPageFilter
{
    private const string ChangePasswordPage = "/Admin/MyAccount/Index";
    private static readonly string[] OpenPages = ["/Admin/SignIn", "/Admin/SignInTwoFactor", "/Admin/AccessDenied", "/Admin/SignOut", "/Admin/SetPassword", "/Admin/ForgotPassword"];

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var page = context.ActionDescriptor.ViewEnginePath;
        // An admin address served by a public page (the project form's preview, /admin/projekt/{id}/forhandsvisning)
        // has the same gates as the admin pages (issue 24, L1).
        var admin = page.StartsWith("/Admin/", StringComparison.Ordinal)
            || context.HttpContext.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase);
        if (!admin || OpenPages.Contains(page)
            || context.HttpContext.User.Identity?.IsAuthenticated != true)
        {
            await next();
            return;
        }

        var services = context.HttpContext.RequestServices;
        var staff = services.GetRequiredService<StaffContext>();
        var user = await staff.GetUserAsync();
        if (user is null || user.IsDisabled)
        {
            await services.GetRequiredService<SignInManager<StaffUser>>().SignOutAsync();
            context.Result = new RedirectResult(StaffSecurity.SignInPath);
            return;
        }
        // A generated password has been seen by someone else: the account's own comes first, then the second factor.
        if (user.MustChangePassword)
        {
            if (page != ChangePasswordPage) context.Result = new RedirectResult("/admin/mitt-konto?byt-losenord=1");
            else await next();
            return;
        }
        if (options.Value.RequireTwoFactor && !user.TwoFactorEnabled && page != "/Admin/MyAccount/TwoFactor")
        {
            context.Result = new RedirectResult("/admin/mitt-konto/tvastegs?krav=1");
            return;
        }
        await next();
    }
}
