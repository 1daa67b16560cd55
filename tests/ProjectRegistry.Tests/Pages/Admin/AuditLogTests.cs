using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>Its own app: these tests count and date events, which other tests' sign-ins would disturb.</summary>
public class AuditLogTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    private sealed record Row(string Time, string Event, string Account, string By, string Ip);

    [Fact]
    public async Task Sign_ins_failed_sign_ins_and_account_changes_are_listed_newest_first()
    {
        var adminEmail = await app.CreateStaffAsync(Roles.Admin);
        var admin = await app.SignedInClientAsync(adminEmail);
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        await app.SignedInClientAsync(email);
        await AccountsTests.SignInAttemptAsync(app, email, "fel lösenord men långt nog");
        var id = (await app.FindUserAsync(email)).Id;
        var disable = (await admin.GetPageAsync($"/admin/konton/{id}")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("form[action*='handler=Disable']")!;
        (await admin.SendAsync(disable)).Dispose();

        var page = await admin.GetPageAsync("/admin/granskningslogg");

        var rows = Rows(page).Where(r => r.Account == email).ToList();
        Assert.Equal(["Konto inaktiverat", "Misslyckad inloggning", "Inloggning"], rows.Select(r => r.Event));
        Assert.Equal(adminEmail, rows[0].By);
        // Nobody else signed this account in: the column names no other person.
        Assert.Contains(rows[2].By, new[] { "–", "kontot självt" });
        Assert.Contains(Rows(page), r => r.Account == adminEmail && r.Event == "Inloggning");
        Assert.All(page.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.NotNull(page.QuerySelector("table caption"));
    }

    [Fact]
    public async Task Filtering_by_kind_lists_only_that_kind()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var email = await app.CreateStaffAsync(Roles.Editor, "leader-polaris");
        await AccountsTests.SignInAttemptAsync(app, email, "fel lösenord men långt nog");
        var form = (await admin.GetPageAsync("/admin/granskningslogg")).QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form[method=get]")!;
        form.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("select[name=typ]")!.Value = nameof(AuditKind.SignInFailed);

        var page = await admin.SubmitAsync(form);

        var rows = Rows(page);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("Misslyckad inloggning", r.Event));
        Assert.Contains(rows, r => r.Account == email);
        Assert.Equal(nameof(AuditKind.SignInFailed), page.QuerySelector("select[name=typ] option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Times_are_shown_in_Swedish_time_summer_and_winter()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var subject = $"tid-{Guid.NewGuid():N}@example.se";
        // Far ahead, so that they are the newest events of their kind.
        await AddEventsAsync(AuditKind.SignInDisabledAccount, subject,
            new DateTime(2099, 1, 15, 10, 0, 0, DateTimeKind.Utc), new DateTime(2099, 7, 1, 10, 0, 0, DateTimeKind.Utc));

        var page = await admin.GetPageAsync($"/admin/granskningslogg?typ={AuditKind.SignInDisabledAccount}");

        var times = Rows(page).Where(r => r.Account == subject).Select(r => r.Time).ToList();
        Assert.Equal(["2099-07-01 12:00:00", "2099-01-15 11:00:00"], times);
    }

    [Fact]
    public async Task The_log_is_paged_fifty_at_a_time_and_keeps_the_filter()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var start = new DateTime(2020, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        await AddEventsAsync(AuditKind.TwoFactorDisabled, "sidor@example.se",
            Enumerable.Range(0, 120).Select(i => start.AddMinutes(i)).ToArray());
        var total = await CountAsync(AuditKind.TwoFactorDisabled);

        var first = await admin.GetPageAsync($"/admin/granskningslogg?typ={AuditKind.TwoFactorDisabled}");
        var next = first.QuerySelector<AngleSharp.Html.Dom.IHtmlAnchorElement>(".pager a[rel=next]");
        Assert.NotNull(next);
        var second = await admin.GetPageAsync(next.GetAttribute("href")!);
        var last = await admin.GetPageAsync($"/admin/granskningslogg?typ={AuditKind.TwoFactorDisabled}&sida=999");

        Assert.Equal(50, Rows(first).Count);
        Assert.Equal(50, Rows(second).Count);
        Assert.Equal(total - 100, Rows(last).Count);
        Assert.Contains($"typ={AuditKind.TwoFactorDisabled}", next.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains($"{total} händelser", first.QuerySelector("caption")!.ReadableText(), StringComparison.Ordinal);
        var times = Rows(first).Concat(Rows(second)).Concat(Rows(last)).Select(r => r.Time).ToList();
        Assert.Equal(times.OrderDescending(StringComparer.Ordinal), times);
        Assert.Equal("2020-03-01 09:00:00", times[^1]);
    }

    private static List<Row> Rows(IDocument page) =>
        page.QuerySelectorAll("table tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.ReadableText()).ToList())
            .Select(c => new Row(c[0], EventLabel(c[1]), c[2], c[3], c[4]))
            .ToList();

    /// <summary>The event cell is the label and, below it, any detail; the label alone is compared.</summary>
    private static string EventLabel(string cell) =>
        Enum.GetValues<AuditKind>().Select(k => k.Label()).Where(l => cell.StartsWith(l, StringComparison.Ordinal))
            .OrderByDescending(l => l.Length).FirstOrDefault() ?? cell;

    private async Task AddEventsAsync(AuditKind kind, string subject, params DateTime[] times)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.AuditEvents.AddRange(times.Select(t => new AuditEvent { At = t, Kind = kind, Subject = subject, IpAddress = "192.0.2.1" }));
        await db.SaveChangesAsync();
    }

    private async Task<int> CountAsync(AuditKind kind)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<RegistryDbContext>().AuditEvents.Count(e => e.Kind == kind);
    }
}
