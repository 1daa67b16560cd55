using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data.Seeding;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Data;

/// <summary>
/// What the organisation and indicator forms refuse, a seed-data file may not say either: each case is posted through
/// the admin form and imported from a copy of seed-data/, and both refuse it with the same message. These are the
/// values the importer let through before it used OrganisationInput and IndicatorInput.
/// </summary>
public class SeedOrganisationRulesTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    public static TheoryData<string, string, string, string, string, string> Organisations => new()
    {
        // A LAG with a kommunkod: the importer stored it, and the LAG stood for Upplands Väsby.
        {
            "lag", "0114",
            "  namn: Lokalt Ledd Utveckling (LEADER) Skellefteå Älvdal\n  typ: lag\n",
            "  namn: Lokalt Ledd Utveckling (LEADER) Skellefteå Älvdal\n  typ: lag\n  kommunkod: \"0114\"\n",
            "[1].kommunkod",
            "Kommunkod anges bara för organisationer av typen Kommun. Töm fältet eller välj typen Kommun."
        },
        // A kommun without its code: the importer stored one the municipality pages could not link.
        {
            "kommun", "",
            "  typ: kommun\n  kommunkod: \"2418\"\n",
            "  typ: kommun\n",
            "[2].kommunkod",
            "En kommun måste ha sin kommunkod: fyra siffror, till exempel 2418 för Malå."
        },
        // A second organisation for Malå: the importer stored two.
        {
            "kommun", "2418",
            "kommunkod: \"2417\"",
            "kommunkod: \"2418\"",
            "[3].kommunkod",
            "Kommunkoden 2418 hör redan till Malå kommun. En kommun ska bara finnas en gång i registret."
        },
    };

    [Theory]
    [MemberData(nameof(Organisations))]
    public async Task The_organisation_form_and_the_seed_import_refuse_the_same_kommunkod(
        string kind, string code, string find, string replacement, string seedField, string message)
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var form = (await FormPage.OpenAsync(admin, "/admin/organisationer/ny"))
            .Type("Input.Name", "Prövad organisation " + Guid.NewGuid().ToString("N")[..6]).Type("Input.Kind", kind).Type("Input.MunicipalityCode", code);
        var refused = await form.StayAsync("Lägg till organisationen");
        Assert.Equal(message, refused.FieldError("Input.MunicipalityCode"));

        var error = await ImportRefusesAsync("organisations.yaml", find, replacement);
        Assert.Equal(seedField, error.Field);
        Assert.EndsWith(": " + message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_strategy_form_and_the_seed_import_refuse_an_indicator_named_twice()
    {
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var id = await app.InDbAsync(db => db.Organisations.Where(o => o.Slug == "mala-kommun").Select(o => o.Id).SingleAsync());
        var url = $"/admin/organisationer/{id}/lus";
        var name = "Nya företag " + Guid.NewGuid().ToString("N")[..6];
        await (await FormPage.OpenAsync(admin, url)).Type("Input.Name", name).SaveAsync("Lägg till indikatorn");
        var refused = await (await FormPage.OpenAsync(admin, url)).Type("Input.Name", name).StayAsync("Lägg till indikatorn");
        var message = $"Det finns redan en indikator som heter ”{name}”.";
        Assert.Equal(message, refused.Document.QuerySelector("#new-indicator-name-error")?.ReadableText());

        // The importer kept the first and dropped the second without a word.
        var error = await ImportRefusesAsync("publicerare/mala-kommun.yaml", "kommuner: [\"2418\"]",
            $"kommuner: [\"2418\"]\nindikatorer:\n  - namn: {name}\n    enhet: företag\n  - namn: {name}\n    enhet: st");
        Assert.Equal("indikatorer[1].namn", error.Field);
        Assert.EndsWith(": " + message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_indicator_the_form_accepts_is_imported_from_a_file()
    {
        using var copy = new TempSeedCopy();
        copy.Replace("publicerare/mala-kommun.yaml", "kommuner: [\"2418\"]",
            "kommuner: [\"2418\"]\nindikatorer:\n  - namn: Nya företag\n    enhet: företag\n    eu_kod: R.41\n    malvarde: \"12,5\"");
        using var database = new TempRegistryDatabase();
        await database.MigrateAsync();

        await database.ImportAsync(copy.Root);

        await using var db = database.CreateContext();
        var indicator = await db.Indicators.SingleAsync(i => i.Organisation.Slug == "mala-kommun");
        Assert.Equal(("Nya företag", "företag", "R.41", (long?)1250), (indicator.Name, indicator.Unit, indicator.EuCode, indicator.Target));
    }

    private static async Task<SeedDataException> ImportRefusesAsync(string file, string find, string replacement)
    {
        using var copy = new TempSeedCopy();
        copy.Replace(file, find, replacement);
        using var database = new TempRegistryDatabase();
        await database.MigrateAsync();
        var error = await Assert.ThrowsAsync<SeedDataException>(() => database.ImportAsync(copy.Root));
        Assert.Equal(file, error.File);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Organisations.CountAsync());
        return error;
    }
}
