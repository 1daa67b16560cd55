using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Security;
using ProjectRegistry.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace ProjectRegistry.BrowserTests;

/// <summary>Signing in through the real form, and taking a test's projects out of the public list again.</summary>
internal static class BrowserStaff
{
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
        await page.GetByLabel("Lösenord", new() { Exact = true }).FillAsync(StaffSession.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
    }
}
