using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Data;

/// <summary>
/// The change table every node's search index follows (issue 12): each save that can change what the public
/// sees leaves one row per project it touches, in the same transaction, and a refused save leaves none.
/// </summary>
public class SearchChangeTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    [Fact]
    public async Task A_staff_save_of_a_project_writes_exactly_one_change_for_it()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var id = await ProjectIdAsync("regai");
        var last = await LastChangeAsync();

        var outcome = await ProjectSaves.SaveTitleAsync(editor, id, "RegAI – sparad för sökindexet");

        Assert.True(outcome.Acknowledged);
        Assert.Equal([id], await ChangesAfterAsync(last));
    }

    [Fact]
    public async Task A_new_project_gets_a_change_with_its_id()
    {
        var editor = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var last = await LastChangeAsync();
        var form = await FormPage.OpenAsync(editor, "/admin/projekt/ny");
        form.Type("Input.Title", $"Sökindexprov {Guid.NewGuid():N}").Choose("Input.Status", "Pågående");

        var saved = await form.SaveAsync("Spara");

        var id = int.Parse(saved.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([id], await ChangesAfterAsync(last));
    }

    [Fact]
    public async Task An_organisation_rename_writes_a_change_for_each_of_its_projects()
    {
        var orgId = await app.InDbAsync(db => db.Organisations.Where(o => o.Slug == "leader-polaris").Select(o => o.Id).SingleAsync());
        var expected = await app.InDbAsync(db => db.Projects.Where(p => p.PublisherId == orgId || p.OwnerId == orgId
                || p.Partners.Any(x => x.OrganisationId == orgId) || p.Financiers.Any(x => x.OrganisationId == orgId))
            .Select(p => p.Id).OrderBy(i => i).ToListAsync());
        Assert.NotEmpty(expected);
        var last = await LastChangeAsync();

        await app.InDbAsync(async db =>
        {
            var organisation = await db.Organisations.SingleAsync(o => o.Id == orgId);
            organisation.Name += " (nytt namn)";
            return await db.SaveChangesAsync();
        });

        Assert.Equal(expected, await ChangesAfterAsync(last));
    }

    [Fact]
    public async Task A_save_refused_for_an_optimistic_concurrency_conflict_writes_no_change()
    {
        var first = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var second = await app.SignedInAsAsync(Roles.Editor, "mala-kommun");
        var id = await ProjectIdAsync("exportfokus");
        var formA = await FormPage.OpenAsync(first, $"/admin/projekt/{id}");
        var formB = await FormPage.OpenAsync(second, $"/admin/projekt/{id}");
        await formA.Type("Input.Title", "Exportfokus – A").SaveAsync("Spara");
        var last = await LastChangeAsync();

        var conflict = await formB.Type("Input.Title", "Exportfokus – B").StayAsync("Spara");

        Assert.NotNull(conflict.Document.QuerySelector("section.conflict"));
        Assert.Empty(await ChangesAfterAsync(last));
    }

    [Fact]
    public async Task A_rebuild_request_is_a_row_without_a_project_and_pruning_removes_old_rows()
    {
        var last = await LastChangeAsync();
        await app.InDbAsync(async db => { await SearchChange.RequestRebuildAsync(db, default); return 0; });
        Assert.Equal([(int?)null], await app.InDbAsync(db => db.SearchChanges.Where(c => c.Id > last).Select(c => c.ProjectId).ToListAsync()));

        var removed = await app.InDbAsync(db => SearchChange.PruneAsync(db, DateTime.UtcNow.AddMinutes(1), default));

        Assert.True(removed > 0);
        Assert.Equal(0, await app.InDbAsync(db => db.SearchChanges.CountAsync()));
    }

    [Fact]
    public async Task The_database_full_text_search_is_gone()
    {
        var left = await app.InDbAsync(db => db.Database.IsNpgsql()
            ? db.Database.SqlQuery<int>($"""SELECT count(*)::int AS "Value" FROM information_schema.columns WHERE table_name = 'Projects' AND column_name = 'SearchVector'""").SingleAsync()
            : db.Database.SqlQuery<int>($"SELECT count(*) AS Value FROM sqlite_master WHERE name LIKE 'ProjectSearch%' OR name LIKE 'Projects_search_%'").SingleAsync());
        Assert.Equal(0, left);
    }

    private Task<int> ProjectIdAsync(string slug) => app.InDbAsync(db => db.Projects.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());

    private Task<long> LastChangeAsync() => app.InDbAsync(db => db.SearchChanges.MaxAsync(c => (long?)c.Id)).ContinueWith(t => t.Result ?? 0);

    private Task<List<int>> ChangesAfterAsync(long last) => app.InDbAsync(db =>
        db.SearchChanges.Where(c => c.Id > last).OrderBy(c => c.ProjectId).Select(c => c.ProjectId ?? -1).ToListAsync());
}
