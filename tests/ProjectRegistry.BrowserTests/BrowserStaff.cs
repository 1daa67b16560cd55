using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;
using static Microsoft.Playwright.Assertions;

namespace ProjectRegistry.BrowserTests;

/// <summary>Staff accounts on the fixture's app, made through its own services, and signing in through the real form.</summary>
internal static class BrowserStaff
{
    public const string Password = "en lång och ovanlig testfras 42";

    /// <summary>Creates an account (unique e-mail per call) with a role and, for an editor, its organisations.</summary>
    public static async Task<string> CreateStaffAsync(this BrowserFixture fixture, string role, params string[] organisationSlugs)
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var ids = await db.Organisations.Where(o => organisationSlugs.Contains(o.Slug)).Select(o => o.Id).ToListAsync();
        Assert.Equal(organisationSlugs.Length, ids.Count);
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.se";
        var (user, errors) = await StaffAccounts.CreateAsync(users, db, TimeProvider.System, email, role, Password, ids);
        Assert.True(user is not null, string.Join("; ", errors));
        return email;
    }

    /// <summary>
    /// Takes a project out of the public list again (soft delete), so that the other browser tests still count
    /// only the seeded projects.
    /// </summary>
    public static async Task RemoveProjectAsync(this BrowserFixture fixture, string title)
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        foreach (var project in await db.Projects.Where(p => p.Title == title).ToListAsync())
            project.DeletedAt = DateTime.UtcNow;
        await db.SaveChangesAsync();
    }

    /// <summary>Signs in with the form on /admin/logga-in, as a person would, and waits for the project list.</summary>
    public static async Task SignInAsync(this IPage page, string email)
    {
        await page.GotoAsync("/admin/logga-in");
        await page.GetByLabel("E-postadress", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Lösenord", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
    }
}
