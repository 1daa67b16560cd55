using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Security;

/// <summary>
/// The project form's preview is a public page at an admin address (/admin/projekt/{id}/forhandsvisning); it skipped
/// the forced password change and the two-factor enrolment that hold an account on every admin page (issue 24, L1).
/// </summary>
public class AdminGateTests
{
    private static Dictionary<string, string> PreviewFields => new() { ["Input.Title"] = "Förhandsvisat utan grind", ["Input.Status"] = "pagaende" };

    [Fact]
    public async Task An_account_that_must_change_its_password_is_sent_to_do_so_from_the_preview_too()
    {
        await using var app = new RegistryAppFactory();
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var client = await app.SignedInClientAsync(email);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            user.MustChangePassword = true;
            await users.UpdateAsync(user);
        }

        using var preview = await client.PostFormAsync("/admin/projekt/ny/forhandsvisning?handler=Preview", PreviewFields, formPage: "/admin/mitt-konto");

        Assert.Equal(HttpStatusCode.Redirect, preview.StatusCode);
        Assert.Equal("/admin/mitt-konto?byt-losenord=1", preview.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task An_account_without_two_factor_is_sent_to_set_it_up_from_the_preview_too()
    {
        await using var strict = new RegistryAppFactory { Settings = new() { ["Security:RequireTwoFactor"] = "true" } };
        var email = await strict.CreateStaffAsync(Roles.Editor, "leader-polaris");
        var client = await strict.SignedInClientAsync(email);

        using var preview = await client.PostFormAsync("/admin/projekt/ny/forhandsvisning?handler=Preview", PreviewFields, formPage: "/admin/mitt-konto/tvastegs");

        Assert.Equal(HttpStatusCode.Redirect, preview.StatusCode);
        Assert.Equal("/admin/mitt-konto/tvastegs?krav=1", preview.Headers.Location?.OriginalString);
    }
}
