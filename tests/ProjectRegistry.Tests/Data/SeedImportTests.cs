using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data.Seeding;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Data;

/// <summary>The real seed-data imported once into a fresh database.</summary>
public sealed class ImportedSeed : IAsyncLifetime
{
    public TempRegistryDatabase Database { get; } = new();

    public async Task InitializeAsync()
    {
        await Database.MigrateAsync();
        await Database.ImportAsync(SeedFiles.Root);
    }

    public Task DisposeAsync()
    {
        Database.Dispose();
        return Task.CompletedTask;
    }
}

public class SeedImportTests(ImportedSeed seed) : IClassFixture<ImportedSeed>
{
    private static Money Sek(long kronor) => new(kronor * 100, "SEK");
    private static Money Eur(long euro) => new(euro * 100, "EUR");

    private async Task<Project> LoadAsync(string slug)
    {
        await using var db = seed.Database.CreateContext();
        return await db.Projects.AsNoTracking().AsSplitQuery()
            .Include(p => p.Publisher)
            .Include(p => p.Owner)
            .Include(p => p.Partners).ThenInclude(x => x.Organisation)
            .Include(p => p.Financiers).ThenInclude(x => x.Organisation)
            .Include(p => p.Municipalities)
            .Include(p => p.GoalAreas)
            .Include(p => p.DirectionGoals)
            .Include(p => p.Contacts)
            .Include(p => p.Links)
            .Include(p => p.StatusHistory)
            .SingleAsync(p => p.Slug == slug);
    }

    [Fact]
    public async Task Every_seed_project_is_imported_under_its_publisher()
    {
        await using var db = seed.Database.CreateContext();
        var projects = await db.Projects.Select(p => new { p.Slug, Publisher = p.Publisher.Slug }).ToListAsync();

        Assert.Equal(25, projects.Count);
        Assert.Equal(16, projects.Count(p => p.Publisher == "leader-polaris"));
        Assert.Equal(9, projects.Count(p => p.Publisher == "mala-kommun"));
        Assert.Equal(
            SeedFiles.Projects.Select(p => (p.Slug, p.Publisher)).Order(),
            projects.Select(p => (p.Slug, p.Publisher)).Order());
    }

    [Fact]
    public async Task Every_project_has_the_status_its_file_gives()
    {
        await using var db = seed.Database.CreateContext();
        var statuses = await db.Projects.ToDictionaryAsync(p => p.Slug, p => p.Status);

        foreach (var file in SeedFiles.Projects)
            Assert.Equal(file.Status, statuses[file.Slug].Slug());
    }

    [Fact]
    public async Task All_290_municipalities_are_imported_with_their_county()
    {
        await using var db = seed.Database.CreateContext();

        Assert.Equal(290, await db.Municipalities.CountAsync());
        var mala = await db.Municipalities.SingleAsync(m => m.Code == "2418");
        Assert.Equal("Malå", mala.Name);
        Assert.Equal("Västerbottens län", mala.CountyName);
        Assert.Equal("Gällivare", (await db.Municipalities.SingleAsync(m => m.Code == "2523")).Name);
        Assert.Equal("0114", (await db.Municipalities.OrderBy(m => m.Code).FirstAsync()).Code);
    }

    [Fact]
    public async Task Exportfokus_has_its_budget_period_and_Malas_financing()
    {
        var p = await LoadAsync("exportfokus");

        Assert.Equal("Exportfokus", p.Title);
        Assert.Equal(ProjectStatus.Closed, p.Status);
        Assert.Equal("gold-of-lapland", p.Owner?.Slug);
        Assert.Equal(Sek(3_900_000), p.Budget);
        Assert.Equal(new PartialDate(2018, 9, 1), p.Start);
        Assert.Equal(new PartialDate(2021, 12, 31), p.End);
        Assert.Equal("1 september 2018 – 31 december 2021", p.Period.ToDisplayString());
        Assert.Equal(
            ["mala-kommun", "norsjo-kommun", "vindelns-kommun", "lycksele-kommun", "gold-of-lapland", "region-vasterbotten", "eruf"],
            p.Financiers.OrderBy(f => f.Position).Select(f => f.Organisation.Slug));
        var mala = p.Financiers.Single(f => f.Organisation.Slug == "mala-kommun");
        Assert.Equal(Sek(135_000), mala.Amount);
        Assert.Equal("verksamhet 228", mala.AccountingReference);
        Assert.All(p.Financiers.Where(f => f != mala), f => Assert.Null(f.Amount));
        Assert.Equal(["2404", "2417", "2418", "2481"], p.Municipalities.Select(m => m.Code).Order());
        Assert.Equal(["platsbaserad-naringslivsutveckling"], p.GoalAreas.Select(g => g.Slug));
        Assert.Equal(6, p.SubGoals.Count);
        Assert.Equal("Att minst 30 företag arbetar aktivt med den utländska marknaden", p.SubGoals[0]);
        Assert.Equal(new DateTime(2024, 1, 11), p.UpdatedAt.Date);
    }

    [Fact]
    public async Task Barkraft_is_budgeted_in_euro_with_Gold_of_Laplands_share()
    {
        var p = await LoadAsync("barkraft");

        Assert.Equal("Bärkraft", p.Title);
        Assert.Equal(Eur(1_522_196), p.Budget);
        Assert.Equal(new PartialDate(2019, 5, 1), p.Start);
        Assert.Equal(new PartialDate(2021, 9, 30), p.End);
        Assert.Equal(
            ["gold-of-lapland", "visit-hemavan-tarnaby", "nordlands-fylkeskommune"],
            p.Partners.OrderBy(x => x.Position).Select(x => x.Organisation.Slug));
        var gold = p.Partners.Single(x => x.Organisation.Slug == "gold-of-lapland");
        Assert.Equal(Eur(563_000), gold.BudgetShare);
        Assert.Null(p.Partners.Single(x => x.Organisation.Slug == "visit-hemavan-tarnaby").BudgetShare);
        var mala = p.Financiers.Single(f => f.Organisation.Slug == "mala-kommun");
        Assert.Equal(Sek(231_982), mala.Amount);
        Assert.Equal("verksamhet 228", mala.AccountingReference);
        Assert.Equal(10, p.Financiers.Count);
        Assert.Equal("Norge", p.Partners.Single(x => x.Organisation.Slug == "nordlands-fylkeskommune").Organisation.Country);
    }

    [Fact]
    public async Task Digitala_steget_keeps_years_only_and_both_accounting_references()
    {
        var p = await LoadAsync("digitala-steget");

        Assert.Equal(new PartialDate(2019), p.Start);
        Assert.Equal(new PartialDate(2022), p.End);
        Assert.Equal(DatePrecision.Year, p.Start!.Precision);
        Assert.Equal("2019–2022", p.Period.ToDisplayString());
        Assert.Null(p.Budget);
        var mala = p.Financiers.Single(f => f.Organisation.Slug == "mala-kommun");
        Assert.Equal(Sek(90_000), mala.Amount);
        Assert.Equal("verksamhet 227, projekt 5780", mala.AccountingReference);
        Assert.Equal("finansierar Gold of Laplands del", mala.Note);
        Assert.Equal(Sek(450_000), p.Partners.Single().BudgetShare);
        Assert.Equal(3, p.SubGoals.Count);
        Assert.Equal(["Victor Woronowicz", "Annelie Persson"], p.Contacts.OrderBy(c => c.Position).Select(c => c.Name));
    }

    [Fact]
    public async Task RegAI_keeps_months_only()
    {
        var p = await LoadAsync("regai");

        Assert.Equal(new PartialDate(2020, 9), p.Start);
        Assert.Equal(new PartialDate(2022, 5), p.End);
        Assert.Equal(DatePrecision.Month, p.End!.Precision);
        Assert.Equal("september 2020 – maj 2022", p.Period.ToDisplayString());
        Assert.Null(p.Owner);
        Assert.Equal(["2418", "2480", "2482"], p.Municipalities.Select(m => m.Code).Order());
        Assert.Equal(["näringslivet i Malå och övriga Västerbotten"], p.TargetGroups);
        Assert.Equal("thomas.kvist@regionvasterbotten.se", p.Contacts.Single().Email);
    }

    [Fact]
    public async Task What_a_source_leaves_out_stays_empty()
    {
        var sikt = await LoadAsync("sikt-2-0");
        var tank = await LoadAsync("tank-jamt");

        Assert.True(sikt.Period.IsEmpty);
        Assert.Null(sikt.Budget);
        Assert.Equal("SIKT 2.0", sikt.ShortName);
        Assert.Equal(5, sikt.TargetGroups.Count);
        Assert.Equal(ProjectStatus.UnderReview, tank.Status);
        Assert.Null(tank.Purpose);
        Assert.Null(tank.Goal);
        Assert.Empty(tank.Municipalities);
        Assert.Equal("leader-polaris", tank.Financiers.Single().Organisation.Slug);
    }

    [Fact]
    public async Task Links_without_an_address_keep_their_text()
    {
        var p = await LoadAsync("mojligheternas-region");

        var links = p.Links.OrderBy(l => l.Position).ToList();
        Assert.Equal(LinkKind.Video, links[0].Kind);
        Assert.Equal("Projektets Youtube-sida", links[0].Text);
        Assert.Null(links[0].Url);
        Assert.Equal("https://www.mojligheternasregion.se", links[1].Url);
    }

    [Fact]
    public async Task Publishers_get_their_list_and_strategy()
    {
        await using var db = seed.Database.CreateContext();
        var mala = await db.Organisations.Include(o => o.GoalAreas).ThenInclude(g => g.DirectionGoals).Include(o => o.AreaMunicipalities)
            .SingleAsync(o => o.Slug == "mala-kommun");
        var polaris = await db.Organisations.Include(o => o.AreaMunicipalities).SingleAsync(o => o.Slug == "leader-polaris");

        Assert.Equal("Avslutade projekt", mala.ListTitle);
        Assert.Equal("Utvecklingsavdelningen", mala.PublisherUnit);
        Assert.Equal(new DateOnly(2024, 1, 11), mala.SourceUpdatedOn);
        Assert.Equal(
            ["Platsbaserad näringslivsutveckling", "Miljödriven utveckling", "Ett samhälle som inkluderar och utvecklar människor"],
            mala.GoalAreas.OrderBy(g => g.Position).Select(g => g.Name));
        Assert.Equal(3, mala.GoalAreas.Single(g => g.Slug == "platsbaserad-naringslivsutveckling").DirectionGoals.Count);
        Assert.Equal(["2418"], mala.AreaMunicipalities.Select(m => m.Code));
        Assert.Equal("Beviljade projekt", polaris.ListTitle);
        Assert.Equal(["2510", "2513", "2523"], polaris.AreaMunicipalities.Select(m => m.Code).Order());
        Assert.False(await db.Organisations.AnyAsync(o => o.Slug == "eruf" && o.ListTitle != null));
    }

    [Fact]
    public async Task Importing_again_into_a_filled_registry_adds_nothing()
    {
        using var database = new TempRegistryDatabase();
        await database.MigrateAsync();
        await database.ImportAsync(SeedFiles.Root);

        await database.ImportAsync(SeedFiles.Root);

        await using var db = database.CreateContext();
        Assert.Equal(25, await db.Projects.CountAsync());
        Assert.Equal(290, await db.Municipalities.CountAsync());
        Assert.Equal(1, await db.Organisations.CountAsync(o => o.Slug == "mala-kommun"));
        Assert.Equal(3, await db.GoalAreas.CountAsync());
        Assert.Equal(
            SeedFiles.Projects.Sum(p => p.Financiers.Count),
            await db.ProjectFinanciers.CountAsync());
    }

    [Theory]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "budget: 3 900 000 SEK", "budgett: 3 900 000 SEK", "budgett")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "\nstatus: avslutat", "\nstatus: klar", "status")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "  - status: avslutat", "  - status: stangt", "statushistorik[0].status")]
    [InlineData("projekt/mala-kommun/regai.yaml", "start: 2020-09", "start: 2019-13", "period.start")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "slut: 2021-12-31", "slut: 2021-02-30", "period.slut")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "slut: 2021-12-31", "slut: 2017", "period.slut")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "senast_uppdaterad: 2024-01-11", "senast_uppdaterad: 11 januari 2024", "senast_uppdaterad")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "budget: 3 900 000 SEK", "budget: 3 900 000", "budget")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "belopp: 135 000 SEK", "belopp: 135 000 kronor", "finansiarer[0].belopp")]
    [InlineData("projekt/mala-kommun/barkraft.yaml", "budgetandel: 563 000 EUR", "budgetandel: -563 000 EUR", "partner[0].budgetandel")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "projektagare: gold-of-lapland", "projektagare: gold-of-lappland", "projektagare")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "  - organisation: eruf", "  - organisation: eruff", "finansiarer[6].organisation")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "kommuner: [\"2418\", \"2417\"", "kommuner: [\"2418\", \"9999\"", "kommuner[1]")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "kommuner: [\"2418\"", "kommuner: [\"Atlantis\"", "kommuner[0]")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "malomraden: [Platsbaserad näringslivsutveckling]", "malomraden: [Platsbaserad naringsliv]", "malomraden[0]")]
    [InlineData("projekt/mala-kommun/mojligheternas-region.yaml", "url: https://www.mojligheternasregion.se", "url: javascript:alert(1)", "lankar[1].url")]
    [InlineData("projekt/mala-kommun/nimr.yaml", "epost: aleksandra.simanovskaya@mala.se", "epost: aleksandra", "kontakter[0].epost")]
    [InlineData("projekt/leader-polaris/tank-jamt.yaml", "titel: Tänk Jämt", "titel: \"\"", "titel")]
    [InlineData("organisations.yaml", "  typ: lag\n", "  typ: lag\n  hemsida: https://example.se\n", "hemsida")]
    [InlineData("organisations.yaml", "  typ: lag\n", "  typ: leader\n", "[0].typ")]
    [InlineData("organisations.yaml", "kommunkod: \"2418\"", "kommunkod: \"9999\"", "[2].kommunkod")]
    [InlineData("publicerare/mala-kommun.yaml", "kommuner: [\"2418\"]", "kommuner: [\"9999\"]", "kommuner[0]")]
    [InlineData("reference/kommuner.csv", "0114,Upplands Väsby", "114,Upplands Väsby", "kommunkod")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "    belopp: 135 000 SEK", "    typ: ideell-tid\n    timpris: 220 SEK", "finansiarer[0].timmar")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "    belopp: 135 000 SEK", "    typ: bidrag\n    belopp: 135 000 SEK", "finansiarer[0].typ")]
    [InlineData("projekt/mala-kommun/exportfokus.yaml", "    belopp: 135 000 SEK", "    timmar: 10\n    belopp: 135 000 SEK", "finansiarer[0].timmar")]
    [InlineData("publicerare/mala-kommun.yaml", "kommuner: [\"2418\"]", "kommuner: [\"2418\"]\ntimpris_ideell_tid: tvåhundra", "timpris_ideell_tid")]
    public async Task A_broken_seed_file_stops_the_import_naming_the_file_and_field(string file, string find, string replacement, string field)
    {
        using var copy = new TempSeedCopy();
        copy.Replace(file, find, replacement);
        using var database = new TempRegistryDatabase();
        await database.MigrateAsync();

        var error = await Assert.ThrowsAsync<SeedDataException>(() => database.ImportAsync(copy.Root));

        Assert.Equal(file, error.File);
        Assert.Equal(field, error.Field);
        Assert.StartsWith($"Fel i seed-data-filen {file}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"fältet '{field}'", error.Message, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Projects.CountAsync());
        Assert.Equal(0, await db.Organisations.CountAsync());
        Assert.Equal(0, await db.Municipalities.CountAsync());
    }

    [Fact]
    public async Task Volunteer_time_in_a_file_is_valued_at_hours_times_the_rate_and_other_rows_take_their_organisations_kind()
    {
        using var copy = new TempSeedCopy();
        copy.Replace("projekt/mala-kommun/exportfokus.yaml", "    belopp: 135 000 SEK", "    typ: ideell-tid\n    timmar: 12,5\n    timpris: 220 SEK");
        copy.Replace("publicerare/mala-kommun.yaml", "kommuner: [\"2418\"]", "kommuner: [\"2418\"]\ntimpris_ideell_tid: 340 SEK");
        using var database = new TempRegistryDatabase();
        await database.MigrateAsync();

        await database.ImportAsync(copy.Root);

        await using var db = database.CreateContext();
        var id = await db.Projects.Where(p => p.Slug == "exportfokus").Select(p => p.Id).SingleAsync();
        var financiers = await db.ProjectFinanciers.AsNoTracking().Include(f => f.Organisation)
            .Where(f => f.ProjectId == id).OrderBy(f => f.Position).ToListAsync();
        Assert.Equal(Contribution.VolunteerTime, financiers[0].Contribution);
        Assert.Equal(12.5m, financiers[0].Hours);
        Assert.Equal(new Money(22_000, "SEK"), financiers[0].HourlyRate);
        Assert.Equal(new Money(275_000, "SEK"), financiers[0].Amount);
        Assert.Equal(Contribution.PublicCofinancing, financiers.Single(f => f.Organisation.Slug == "region-vasterbotten").Contribution);
        Assert.Equal(Contribution.Grant, financiers.Single(f => f.Organisation.Slug == "eruf").Contribution);
        Assert.Equal(new Money(34_000, "SEK"), (await db.Organisations.AsNoTracking().SingleAsync(o => o.Slug == "mala-kommun")).VolunteerHourRate);
    }

    private const string Exportfokus = "projekt/mala-kommun/exportfokus.yaml";

    /// <summary>Exportfokus's file with a list of files after its last update date, and those files in the copy's filer/.</summary>
    private static void AddFiles(TempSeedCopy copy, string filer, params (string Name, byte[] Bytes)[] files)
    {
        Directory.CreateDirectory(Path.Combine(copy.Root, "filer"));
        foreach (var (name, bytes) in files) File.WriteAllBytes(Path.Combine(copy.Root, "filer", name), bytes);
        copy.Replace(Exportfokus, "senast_uppdaterad: 2024-01-11\n", $"senast_uppdaterad: 2024-01-11\nfiler:\n{filer}");
    }

    private const string ReportAndPicture = """
          - fil: filer/slutrapport.pdf
            titel: Slutrapport Exportfokus
          - fil: filer/malaborg.jpg
            titel: Malåborg i vinterljus
            alt: Timrade hus i snö vid Malåborg
            fotograf: Malå kommun
            licens: CC BY 4.0
            huvudbild: true

        """;

    [Fact]
    public async Task Documents_and_pictures_named_in_a_project_file_are_stored_as_an_upload_would_be_and_not_twice_on_a_second_import()
    {
        using var copy = new TempSeedCopy();
        var pdf = TestFiles.Pdf("Slutrapport Exportfokus");
        AddFiles(copy, ReportAndPicture, ("slutrapport.pdf", pdf), ("malaborg.jpg", TestFiles.JpegWithGps(1200, 600)));
        using var database = new TempRegistryDatabase();
        await database.MigrateAsync();

        await database.ImportAsync(copy.Root);

        await using (var db = database.CreateContext())
        {
            var id = await db.Projects.Where(p => p.Slug == "exportfokus").Select(p => p.Id).SingleAsync();
            var files = await db.ProjectFiles.AsNoTracking().Include(f => f.Contents).Where(f => f.ProjectId == id).OrderBy(f => f.Id).ToListAsync();
            Assert.Equal(["Slutrapport Exportfokus", "Malåborg i vinterljus"], files.Select(f => f.Title));
            var (report, picture) = (files[0], files[1]);
            Assert.Equal(FileFormat.Pdf, report.Format);
            Assert.Equal(pdf, report.Contents.Single().Bytes);
            Assert.False(report.IsMain);
            Assert.True(picture.IsMain);
            Assert.Equal(("Timrade hus i snö vid Malåborg", "Malå kommun", "CC BY 4.0"), (picture.AltText, picture.Credit, picture.Licence));
            var sizes = picture.Contents.Where(c => c.Variant != ProjectFileContent.Original).ToList();
            Assert.NotEmpty(sizes);
            // No EXIF (APP1) segment, so no GPS position, in any web size.
            Assert.All(sizes.Where(c => c.ContentType == "image/jpeg"), c => Assert.DoesNotContain(TestFiles.JpegSegments(c.Bytes), x => x.Marker == 0xE1));
        }

        // The same folder imported again (the import command): the files are known by their bytes, so nothing is added.
        copy.Replace(Exportfokus, "titel: Slutrapport Exportfokus", "titel: Slutrapport Exportfokus 2021");
        await using (var db = database.CreateContext())
        {
            var result = await new SeedImporter(db, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<SeedImporter>.Instance)
                .ImportDirectoryAsync(copy.Root, "test");
            Assert.Equal(1, result.UpdatedProjects);
        }
        await using (var db = database.CreateContext())
        {
            var id = await db.Projects.Where(p => p.Slug == "exportfokus").Select(p => p.Id).SingleAsync();
            var titles = await db.ProjectFiles.Where(f => f.ProjectId == id).OrderBy(f => f.Id).Select(f => f.Title).ToListAsync();
            Assert.Equal(["Slutrapport Exportfokus 2021", "Malåborg i vinterljus"], titles);
        }
    }

    [Theory]
    [InlineData("  - fil: ../organisations.yaml\n    titel: Lista\n", "filer[0].fil", "utanför importmappen")]
    [InlineData("  - fil: filer/saknas.pdf\n    titel: Saknas\n", "filer[0].fil", "finns inte")]
    [InlineData("  - fil: filer/sida.pdf\n    titel: En webbsida\n", "filer[0].fil", "inte en PDF")]
    [InlineData("  - fil: filer/bild.svg.jpg\n    titel: Ritning\n", "filer[0].fil", "inte en PDF")]
    [InlineData("  - fil: filer/slutrapport.pdf\n", "filer[0].titel", "Skriv en titel")]
    [InlineData("  - fil: filer/malaborg.jpg\n    titel: Malåborg\n", "filer[0].alt", "alternativtext")]
    [InlineData("  - fil: filer/slutrapport.pdf\n    titel: Rapport\n    huvudbild: true\n", "filer[0].huvudbild", "bara en bild")]
    public async Task A_file_that_cannot_be_uploaded_stops_the_import_naming_its_row(string filer, string field, string message)
    {
        using var copy = new TempSeedCopy();
        AddFiles(copy, filer, ("slutrapport.pdf", TestFiles.Pdf()), ("malaborg.jpg", TestFiles.JpegWithGps(800, 600)),
            ("sida.pdf", TestFiles.Html), ("bild.svg.jpg", TestFiles.Svg));
        using var database = new TempRegistryDatabase();
        await database.MigrateAsync();

        var error = await Assert.ThrowsAsync<SeedDataException>(() => database.ImportAsync(copy.Root));

        Assert.Equal((Exportfokus, field), (error.File, error.Field));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Projects.CountAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_YAML_stops_the_import_naming_the_file_and_line()
    {
        const string file = "projekt/mala-kommun/exportfokus.yaml";
        using var copy = new TempSeedCopy();
        File.WriteAllText(Path.Combine(copy.Root, file), "titel: Exportfokus\nstatus: avslutat\nbudget: [3 900 000 SEK\n");
        using var database = new TempRegistryDatabase();
        await database.MigrateAsync();

        var error = await Assert.ThrowsAsync<SeedDataException>(() => database.ImportAsync(copy.Root));

        Assert.Equal(file, error.File);
        Assert.StartsWith($"Fel i seed-data-filen {file} (rad ", error.Message, StringComparison.Ordinal);
        Assert.Contains("går inte att läsa som YAML", error.Message, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Projects.CountAsync());
        Assert.Equal(0, await db.Organisations.CountAsync());
        Assert.Equal(0, await db.Municipalities.CountAsync());
    }

    [Fact]
    public async Task A_project_in_a_folder_of_no_known_publisher_is_refused()
    {
        using var copy = new TempSeedCopy();
        var folder = Path.Combine(copy.Root, "projekt", "okand-lag");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(copy.Root, "projekt", "mala-kommun", "regai.yaml"), Path.Combine(folder, "regai-kopia.yaml"));
        using var database = new TempRegistryDatabase();
        await database.MigrateAsync();

        var error = await Assert.ThrowsAsync<SeedDataException>(() => database.ImportAsync(copy.Root));

        Assert.Equal("projekt/okand-lag", error.File);
        Assert.Equal("mappnamn", error.Field);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Projects.CountAsync());
    }

    [Fact]
    public async Task Two_projects_with_the_same_address_are_refused()
    {
        using var copy = new TempSeedCopy();
        File.Copy(
            Path.Combine(copy.Root, "projekt", "mala-kommun", "regai.yaml"),
            Path.Combine(copy.Root, "projekt", "leader-polaris", "regai.yaml"));
        using var database = new TempRegistryDatabase();
        await database.MigrateAsync();

        var error = await Assert.ThrowsAsync<SeedDataException>(() => database.ImportAsync(copy.Root));

        Assert.Equal("projekt/mala-kommun/regai.yaml", error.File);
        Assert.Equal("filnamn", error.Field);
    }

    [Fact]
    public async Task A_missing_seed_folder_names_the_setting_to_fix()
    {
        using var database = new TempRegistryDatabase();
        await database.MigrateAsync();

        var error = await Assert.ThrowsAsync<SeedDataException>(
            () => database.ImportAsync(Path.Combine(Path.GetTempPath(), $"finns-inte-{Guid.NewGuid():N}")));

        Assert.Contains("SeedData:Path", error.Message, StringComparison.Ordinal);
    }
}
