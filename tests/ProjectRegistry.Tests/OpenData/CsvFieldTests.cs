using ProjectRegistry.Web.OpenData;

namespace ProjectRegistry.Tests.OpenData;

public class CsvFieldTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1:A2)", "'+SUM(A1:A2)")]
    [InlineData("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    public void A_field_that_Excel_would_run_as_a_formula_is_kept_as_text(string value, string expected) =>
        Assert.Equal(expected, Downloads.CsvField(value));

    [Theory]
    [InlineData("-5", "-5")]
    [InlineData("3900000", "3900000")]
    [InlineData("Malå", "Malå")]
    public void Numbers_and_plain_text_are_written_as_they_are(string value, string expected) =>
        Assert.Equal(expected, Downloads.CsvField(value));

    [Fact]
    public void Separators_quotes_and_line_breaks_are_quoted() =>
        Assert.Equal("\"a; \"\"b\"\"\nc\"", Downloads.CsvField("a; \"b\"\nc"));
}
