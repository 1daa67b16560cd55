using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Security;

/// <summary>
/// The review of an organisation an editor added (issue 24, L6): it accepted an established publisher with staff and
/// merged it away, silently moving its editors to the organisation it was merged into.
/// </summary>
public class OrganisationReviewTests
{
    private static async Task<(int Id, int Into)> IdsAsync(RegistryAppFactory app, string slug, string into) =>
        (await app.InDbAsync(db => db.Organisations.Where(o => o.Slug == slug).Select(o => o.Id).SingleAsync()),
         await app.InDbAsync(db => db.Organisations.Where(o => o.Slug == into).Select(o => o.Id).SingleAsync()));

    private static async Task<string> MergeAsync(HttpClient admin, int id, int into)
    {
        using var response = await admin.PostFormAsync($"/admin/organisationer/{id}/granska?handler=Merge",
            new() { ["MergeInto"] = into.ToString(CultureInfo.InvariantCulture) }, formPage: $"/admin/organisationer/{id}/granska");
        var page = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        return page.QuerySelector("#merge-error")?.ReadableText() ?? $"inget fel, status {(int)response.StatusCode}";
    }

    [Fact]
    public async Task An_established_publisher_is_not_merged_away_from_the_review_page()
    {
        await using var app = new RegistryAppFactory();
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var (polaris, mala) = await IdsAsync(app, "leader-polaris", "mala-kommun");

        var problem = await MergeAsync(admin, polaris, mala);

        Assert.Equal("Leader Polaris är redan granskad. Bara en ny, ogranskad organisation slås ihop här.", problem);
        Assert.True(await app.InDbAsync(db => db.Organisations.AnyAsync(o => o.Id == polaris)));
    }

    [Fact]
    public async Task A_new_organisation_with_staff_is_not_merged_and_no_account_moves()
    {
        await using var app = new RegistryAppFactory();
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var (added, mala) = await IdsAsync(app, "leader-polaris", "mala-kommun");
        await app.InDbAsync(db => db.Organisations.Where(o => o.Id == added).ExecuteUpdateAsync(s => s.SetProperty(o => o.Review, OrganisationReview.New)));
        var editor = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");

        var problem = await MergeAsync(admin, added, mala);

        Assert.StartsWith("Leader Polaris har ", problem, StringComparison.Ordinal);
        Assert.EndsWith("En sammanslagning flyttar inga konton: ändra deras organisationer under Konton först.", problem, StringComparison.Ordinal);
        Assert.Equal(["leader-polaris"], await app.InDbAsync(db => db.Users.Where(u => u.Email == editor)
            .SelectMany(u => u.Organisations).Select(o => o.Slug).ToListAsync()));
        Assert.True(await app.InDbAsync(db => db.Organisations.AnyAsync(o => o.Id == added)));
    }
}
