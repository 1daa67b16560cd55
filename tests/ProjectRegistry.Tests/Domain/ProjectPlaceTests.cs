using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Domain;

/// <summary>
/// The line form staff type in the edit form and the seed files use: "Vuollerim" or "Vuollerim; 66,43; 20,61".
/// A mistyped point must be refused with a reason, since it would put a dot on the wrong part of the map.
/// </summary>
public class ProjectPlaceTests
{
    [Theory]
    [InlineData("Vuollerim; 66,43; 20,61")]
    [InlineData("Vuollerim;66.43;20.61")]
    [InlineData("Vuollerim; 66.43; 20.61")]
    [InlineData("  Vuollerim ;  66,43 ;  20,61  ")]
    [InlineData("Vuollerim;\u00a066,43;\u00a020,61")]
    public void A_place_with_coordinates_is_read_with_a_decimal_comma_or_point(string line)
    {
        Assert.True(ProjectPlace.TryParse(line, out var place, out var error), error);

        Assert.NotNull(place);
        Assert.Null(error);
        Assert.Equal("Vuollerim", place.Name);
        Assert.Equal(66.43, place.Latitude);
        Assert.Equal(20.61, place.Longitude);
        Assert.True(place.HasCoordinates);
    }

    [Theory]
    [InlineData("Vuollerim", "Vuollerim")]
    [InlineData("  Soutujärvibygden  ", "Soutujärvibygden")]
    [InlineData("Malå tätort", "Malå tätort")]
    public void A_place_without_coordinates_is_only_a_name(string line, string name)
    {
        Assert.True(ProjectPlace.TryParse(line, out var place, out var error), error);

        Assert.NotNull(place);
        Assert.Equal(name, place.Name);
        Assert.Null(place.Latitude);
        Assert.Null(place.Longitude);
        Assert.False(place.HasCoordinates);
    }

    [Theory]
    [InlineData("Smygehuk; 55,0; 13,36")]
    [InlineData("Treriksröset; 69,2; 20,55")]
    [InlineData("Strömstad; 58,94; 10,5")]
    [InlineData("Haparanda; 65,84; 24,3")]
    public void Points_on_the_edge_of_Swedens_box_are_accepted(string line)
    {
        Assert.True(ProjectPlace.TryParse(line, out var place, out var error), error);
        Assert.True(place!.HasCoordinates);
    }

    [Theory]
    [InlineData("Vuollerim; 20,61; 66,43")]
    [InlineData("Vuollerim; 54,99; 20,61")]
    [InlineData("Vuollerim; 69,21; 20,61")]
    [InlineData("Vuollerim; 66,43; 10,49")]
    [InlineData("Vuollerim; 66,43; 24,31")]
    [InlineData("Vuollerim; 6643; 2061")]
    [InlineData("Vuollerim; -66,43; 20,61")]
    [InlineData("Vuollerim; 1e1; 20,61")]
    public void A_point_outside_Sweden_is_refused_saying_latitude_comes_first(string line)
    {
        Assert.False(ProjectPlace.TryParse(line, out var place, out var error));

        Assert.Null(place);
        Assert.NotNull(error);
        Assert.Contains("”Vuollerim”", error, StringComparison.Ordinal);
        Assert.Contains("ligger inte i Sverige", error, StringComparison.Ordinal);
        Assert.Contains("Latitud kommer först", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Vuollerim; abc; 1")]
    [InlineData("Vuollerim; 66,43")]
    [InlineData("Vuollerim; 66,43;")]
    [InlineData("Vuollerim;;")]
    [InlineData("Vuollerim; 66,43, 20,61")]
    [InlineData("Vuollerim; 66,43; 20,61; 12")]
    [InlineData("Vuollerim; NaN; 20,61")]
    [InlineData("Vuollerim; 66,43; Infinity")]
    [InlineData("Vuollerim; 66.430,5; 20,61")]
    [InlineData("Vuollerim; 66°26′N; 20°37′E")]
    public void Coordinates_that_are_not_two_decimal_numbers_are_refused_with_an_example(string line)
    {
        Assert.False(ProjectPlace.TryParse(line, out var place, out var error));

        Assert.Null(place);
        Assert.NotNull(error);
        Assert.StartsWith("”Vuollerim”:", error, StringComparison.Ordinal);
        Assert.Contains("latitud och longitud i decimalgrader", error, StringComparison.Ordinal);
        Assert.Contains("”Vuollerim; 66,43; 20,61”", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("; 66; 20")]
    [InlineData(";66,43;20,61")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void A_line_without_a_name_is_refused(string? line)
    {
        Assert.False(ProjectPlace.TryParse(line, out var place, out var error));

        Assert.Null(place);
        Assert.Equal("Orten saknar namn.", error);
    }

    [Theory]
    [InlineData("Vuollerim; 66,43; 20,61", "Vuollerim; 66,43; 20,61")]
    [InlineData("Vuollerim;66.43;20.61", "Vuollerim; 66,43; 20,61")]
    [InlineData("Hakkasbygden; 66.92; 21.57", "Hakkasbygden; 66,92; 21,57")]
    [InlineData("Kiruna; 67,8557; 20,2253", "Kiruna; 67,8557; 20,2253")]
    [InlineData("Malå; 65,0; 18,0", "Malå; 65; 18")]
    [InlineData("Soutujärvibygden", "Soutujärvibygden")]
    public void The_line_form_is_written_with_a_decimal_comma_and_reads_back_the_same(string typed, string written)
    {
        Assert.True(ProjectPlace.TryParse(typed, out var place, out _));

        var line = place!.ToString();

        Assert.Equal(written, line);
        Assert.True(ProjectPlace.TryParse(line, out var again, out var error), error);
        Assert.Equal(place.Name, again!.Name);
        Assert.Equal(place.Latitude, again.Latitude);
        Assert.Equal(place.Longitude, again.Longitude);
    }
}
