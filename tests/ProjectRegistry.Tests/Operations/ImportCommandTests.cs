using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Cli;

namespace ProjectRegistry.Tests.Operations;

/// <summary>
/// <c>import DIR</c>: a publisher that keeps its list in files (the seed-data format) brings the registry in step
/// with them; new projects are added, changed ones get the file's fields and a revision, nothing is deleted.
/// </summary>
public sealed class ImportCommandTests : IAsyncLifetime
{
    private readonly RegistryAppFactory _site = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"leader-testbygd-{Guid.NewGuid():N}");

    public Task InitializeAsync()
    {
        _ = _site.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private async Task<(int ExitCode, string Out, string Error)> ImportAsync(string folder)
    {
        var command = CliCommand.Parse(["import", folder]);
        Assert.NotNull(command);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await command.RunAsync(_site.Services, new StringReader(""), output, error);
        return (code, output.ToString(), error.ToString());
    }

    private Task<T> InDbAsync<T>(Func<RegistryDbContext, Task<T>> query) => _site.InDbAsync(query);

    private void WriteNewPublisherWithOneProject()
    {
        Write("organisations.yaml", """
            - slug: leader-testbygd
              namn: Leader Testbygd
              typ: lag
            - slug: mala-kommun
              namn: Malå kommun
              typ: kommun
              kommunkod: "2418"
            """);
        Write("publicerare/leader-testbygd.yaml", """
            organisation: leader-testbygd
            listrubrik: Beviljade projekt
            kommuner: ["2418"]
            lus:
              - malomrade: Levande byar
                inriktningsmal:
                  - Fler mötesplatser
            """);
        Write("projekt/leader-testbygd/bygdegarden-lever.yaml", """
            titel: Bygdegården lever
            status: pagaende
            projektagare: leader-testbygd
            budget: 250 000 SEK
            kommuner: ["2418"]
            malomraden: [Levande byar]
            inriktningsmal: [Fler mötesplatser]
            statushistorik:
              - status: pagaende
                datum: 2025-02-01
            """);
    }

    [Fact]
    public async Task Importing_the_seed_data_again_changes_nothing()
    {
        var revisionsBefore = await InDbAsync(db => db.ProjectRevisions.CountAsync());

        var (code, output, error) = await ImportAsync(SeedFiles.Root);

        Assert.True(code == 0, error);
        Assert.Contains("0 nya organisationer, 0 nya projekt, 0 ändrade projekt och 25 oförändrade", output, StringComparison.Ordinal);
        Assert.Equal(revisionsBefore, await InDbAsync(db => db.ProjectRevisions.CountAsync()));
    }

    [SqliteFact]
    public async Task A_publishers_folder_adds_its_projects_and_a_changed_file_updates_the_project_with_a_revision()
    {
        WriteNewPublisherWithOneProject();
        var sikt = await File.ReadAllTextAsync(Path.Combine(SeedFiles.Root, "projekt/mala-kommun/sikt-2-0.yaml"));
        Write("projekt/mala-kommun/sikt-2-0.yaml", sikt.Replace("titel: SIKT 2.0 (Samverkan", "titel: SIKT 2.0 – ny titel (Samverkan", StringComparison.Ordinal));

        // As the README writes it: the real binary, while the site runs (it waits for nothing and migrates nothing).
        using var cli = new RegistryProcess(_site.DatabasePath);
        var result = await cli.RunAsync(null, "import", _folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("1 nya organisationer, 1 nya projekt, 1 ändrade projekt och 0 oförändrade", result.Out, StringComparison.Ordinal);
        using var visitor = _site.CreateClient();
        var page = await visitor.GetPageAsync("/projekt/bygdegarden-lever");
        Assert.Equal("Bygdegården lever", page.QuerySelector("h1")!.ReadableText());
        Assert.Contains("Levande byar", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("SIKT 2.0 – ny titel (Samverkan, Inkludering, Kompetensförsörjning, Tillväxt)",
            (await visitor.GetPageAsync("/projekt/sikt-2-0")).QuerySelector("h1")!.ReadableText());
        var revision = await InDbAsync(db => db.ProjectRevisions.Where(r => r.Kind == RevisionKind.Imported && r.UserId == null && r.UserName.StartsWith("import från"))
            .OrderByDescending(r => r.Id).FirstAsync());
        Assert.Contains("\"Titel\"", revision.ChangesJson, StringComparison.Ordinal);
        Assert.Equal(await InDbAsync(db => db.Projects.Where(p => p.Slug == "sikt-2-0").Select(p => p.Id).SingleAsync()), revision.ProjectId);

        var again = await ImportAsync(_folder);

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("0 nya organisationer, 0 nya projekt, 0 ändrade projekt och 2 oförändrade", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_file_stops_the_import_with_its_file_and_field_and_changes_nothing()
    {
        WriteNewPublisherWithOneProject();
        Write("projekt/leader-testbygd/trasig.yaml", "titel: Trasig\nstatus: snart-klart\n");

        var (code, _, error) = await ImportAsync(_folder);

        Assert.Equal(1, code);
        Assert.Contains("projekt/leader-testbygd/trasig.yaml", error, StringComparison.Ordinal);
        Assert.Contains("'status'", error, StringComparison.Ordinal);
        Assert.Contains("Ingenting är ändrat i registret.", error, StringComparison.Ordinal);
        Assert.False(await InDbAsync(db => db.Organisations.AnyAsync(o => o.Slug == "leader-testbygd")));
        Assert.False(await InDbAsync(db => db.Projects.AnyAsync(p => p.Slug == "bygdegarden-lever")));
    }

    [Fact]
    public async Task A_text_over_the_admin_forms_bound_stops_the_import_with_the_forms_message()
    {
        WriteNewPublisherWithOneProject();
        Write("projekt/leader-testbygd/for-lang.yaml", $"titel: {new string('x', 301)}\nstatus: pagaende\nstatushistorik:\n  - status: pagaende\n    datum: 2025-02-01\n");

        var (code, _, error) = await ImportAsync(_folder);

        Assert.Equal(1, code);
        Assert.Contains("projekt/leader-testbygd/for-lang.yaml", error, StringComparison.Ordinal);
        Assert.Contains("'titel'", error, StringComparison.Ordinal);
        Assert.Contains("Titeln får vara högst 300 tecken (nu 301).", error, StringComparison.Ordinal);
        Assert.False(await InDbAsync(db => db.Projects.AnyAsync(p => p.Slug == "bygdegarden-lever")));
    }

    [Fact]
    public async Task Control_characters_in_a_file_are_stripped_as_a_save_strips_them()
    {
        WriteNewPublisherWithOneProject();
        Write("projekt/leader-testbygd/styrtecken.yaml",
            "titel: \"Styr\\x01tecken\"\nsyfte: \"Rad ett\\r\\nrad\\x07 två\"\nstatus: pagaende\nstatushistorik:\n  - status: pagaende\n    datum: 2025-02-01\n");

        var (code, _, error) = await ImportAsync(_folder);

        Assert.True(code == 0, error);
        var project = await InDbAsync(db => db.Projects.Where(p => p.Slug == "styrtecken").Select(p => new { p.Title, p.Purpose }).SingleAsync());
        Assert.Equal("Styrtecken", project.Title);
        Assert.Equal("Rad ett\nrad två", project.Purpose);
    }

    [Fact]
    public async Task A_project_on_another_publishers_list_is_refused()
    {
        var sikt = await File.ReadAllTextAsync(Path.Combine(SeedFiles.Root, "projekt/mala-kommun/sikt-2-0.yaml"));
        Write("projekt/leader-polaris/sikt-2-0.yaml", sikt);

        var (code, _, error) = await ImportAsync(_folder);

        Assert.Equal(1, code);
        Assert.Contains("finns redan i Malå kommuns lista", error, StringComparison.Ordinal);
        Assert.Equal("mala-kommun", await InDbAsync(db => db.Projects.Where(p => p.Slug == "sikt-2-0").Select(p => p.Publisher.Slug).SingleAsync()));
    }

    [Fact]
    public async Task A_folder_that_is_not_in_the_seed_data_format_is_refused()
    {
        Directory.CreateDirectory(_folder);

        var (code, _, error) = await ImportAsync(_folder);

        Assert.Equal(1, code);
        Assert.Contains("varken organisations.yaml eller projekt/", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _site.CreateClient().GetAsync(new Uri("/projekt", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_publishers_indicators_budgets_and_a_projects_results_are_imported()
    {
        WriteNewPublisherWithOneProject();
        Write("publicerare/leader-testbygd.yaml", """
            organisation: leader-testbygd
            listrubrik: Beviljade projekt
            kommuner: ["2418"]
            lus:
              - malomrade: Levande byar
                budget: 4 500 000 SEK
                inriktningsmal:
                  - Fler mötesplatser
            indikatorer:
              - namn: Nya arbetstillfällen
                enhet: arbetstillfällen
                eu_kod: R.37
                malvarde: 40
                malomrade: Levande byar
              - namn: Dagsbesökare
                enhet: besökare
            """);
        Write("projekt/leader-testbygd/bygdegarden-lever.yaml", """
            titel: Bygdegården lever
            status: pagaende
            projektagare: leader-testbygd
            malomraden: [Levande byar]
            resultat:
              - indikator: R.37
                planerat: 3
                uppnatt: "2,5"
              - indikator: Dagsbesökare
                planerat: 1 250
            resultat_text: Två nya **tjänster**.
            statushistorik:
              - status: pagaende
                datum: 2025-02-01
            """);

        var (code, _, error) = await ImportAsync(_folder);

        Assert.True(code == 0, error);
        var area = await InDbAsync(db => db.GoalAreas.SingleAsync(g => g.Organisation.Slug == "leader-testbygd"));
        Assert.Equal(new Money(4_500_000_00, "SEK"), area.PlannedBudget);
        var indicators = await InDbAsync(db => db.Indicators.Where(i => i.Organisation.Slug == "leader-testbygd").OrderBy(i => i.Position).ToListAsync());
        Assert.Equal(["Nya arbetstillfällen", "Dagsbesökare"], indicators.Select(i => i.Name));
        Assert.Equal(("R.37", (long?)4000, (int?)area.Id, "arbetstillfällen"), (indicators[0].EuCode, indicators[0].Target, indicators[0].GoalAreaId, indicators[0].Unit));
        var project = await InDbAsync(db => db.Projects.Include(p => p.IndicatorValues).SingleAsync(p => p.Slug == "bygdegarden-lever"));
        Assert.Equal("Två nya **tjänster**.", project.Results);
        Assert.Equal(
            [(indicators[0].Id, (long?)300, (long?)250), (indicators[1].Id, 125_000, null)],
            project.IndicatorValues.OrderBy(v => v.Position).Select(v => (v.IndicatorId, v.Planned, v.Achieved)));

        Write("projekt/leader-testbygd/bygdegarden-lever.yaml", File.ReadAllText(Path.Combine(_folder, "projekt/leader-testbygd/bygdegarden-lever.yaml"))
            .Replace("uppnatt: \"2,5\"", "uppnatt: \"-1\"", StringComparison.Ordinal));
        var (failed, _, message) = await ImportAsync(_folder);
        Assert.NotEqual(0, failed);
        Assert.Contains("resultat[0].uppnatt", message, StringComparison.Ordinal);
        Assert.Contains("Värdet kan inte vara negativt.", message, StringComparison.Ordinal);
    }
}
