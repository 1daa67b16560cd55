using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;

namespace ProjectRegistry.Tests.Editing;

public class OrganisationRulesTests
{
    private static readonly Dictionary<int, string> Registry = new()
    {
        [1] = "Region Västerbotten", [2] = "Region Norrbotten", [3] = "Jordbruksverket", [4] = "Visit Hemavan Tärnaby", [5] = "Malå kommun",
    };

    [Theory]
    [InlineData("Region Norrbote", "Region Norrbotten")]
    [InlineData("jordbruksverket", "Jordbruksverket")]
    [InlineData("Jordbruksverke", "Jordbruksverket")]
    [InlineData("Norrbotten", "Region Norrbotten")]
    [InlineData("Visit Hemavan", "Visit Hemavan Tärnaby")]
    public void A_name_that_nearly_matches_offers_the_one_in_the_registry_first(string typed, string offered) =>
        Assert.Equal(offered, OrganisationRules.NearMatches(typed, Registry)[0].Name);

    [Theory]
    [InlineData("Skogsstyrelsen")]
    [InlineData("Region Gotland")]
    [InlineData("AB")]
    public void A_name_unlike_any_offers_nothing(string typed) => Assert.Empty(OrganisationRules.NearMatches(typed, Registry));

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("Jokmokk", "Jokkmokk", 1)]
    [InlineData("", "abc", 3)]
    [InlineData("same", "same", 0)]
    public void Edit_distance_counts_inserts_deletes_and_replacements(string a, string b, int distance) =>
        Assert.Equal(distance, FieldRules.EditDistance(a, b));

    [Fact]
    public void Edit_distance_stops_at_its_bound() => Assert.Equal(2, FieldRules.EditDistance("abcdefgh", "zyxwvuts", stopAt: 2));

    private static readonly List<Municipality> Municipalities =
    [
        new() { Code = "2510", Name = "Jokkmokk", CountyCode = "25", CountyName = "Norrbottens län" },
        new() { Code = "2418", Name = "Malå", CountyCode = "24", CountyName = "Västerbottens län" },
        new() { Code = "2421", Name = "Storuman", CountyCode = "24", CountyName = "Västerbottens län" },
    ];

    [Theory]
    [InlineData("Jokmokk", " Menade du Jokkmokk?")]
    [InlineData("jokkmok kommun", " Menade du Jokkmokk?")]
    [InlineData("Stoerman", " Menade du Storuman?")]
    [InlineData("Göteborg", "")]
    [InlineData("Ma", "")]
    public void A_municipality_typed_with_a_typo_gets_did_you_mean(string typed, string answer) =>
        Assert.Equal(answer, FieldRules.DidYouMean(typed, Municipalities));

    [Fact]
    public void Merging_rewrites_every_organisation_id_in_a_stored_form_and_leaves_other_numbers()
    {
        const string json = """{"Form":{"PublisherId":1,"OwnerId":7,"Partners":[{"OrganisationId":7,"Amount":"7"}],"Financiers":[{"OrganisationId":17},{"OrganisationId":7}]},"MainFileId":7}""";
        var rewritten = OrganisationRules.WithOrganisation(json, 7, 3, new());
        Assert.Equal("""{"Form":{"PublisherId":1,"OwnerId":3,"Partners":[{"OrganisationId":3,"Amount":"7"}],"Financiers":[{"OrganisationId":17},{"OrganisationId":3}]},"MainFileId":7}""", rewritten);
    }
}
