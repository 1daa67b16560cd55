using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Domain;

public class PeriodTests
{
    private static PartialDate? D(string? text) =>
        text is null ? null : PartialDate.TryParse(text, out var d) ? d : throw new ArgumentException(text);

    [Theory]
    [InlineData("2019", "2022", "2019–2022")]
    [InlineData("2020-09", "2022-05", "september 2020 – maj 2022")]
    [InlineData("2018-09-01", "2021-12-31", "1 september 2018 – 31 december 2021")]
    [InlineData("2019", "2022-05", "2019 – maj 2022")]
    [InlineData("2019", null, "från 2019")]
    [InlineData(null, "2022-05", "till maj 2022")]
    [InlineData(null, null, "")]
    public void Display_joins_the_ends_in_Swedish(string? start, string? end, string expected)
    {
        Assert.Equal(expected, new Period(D(start), D(end)).ToDisplayString());
    }

    [Theory]
    [InlineData("2022-03", "2021", true)]
    [InlineData("2021-12-31", "2021-12-30", true)]
    [InlineData("2022-03", "2022", false)]
    [InlineData("2022-03-15", "2022-03", false)]
    [InlineData("2019", "2019", false)]
    [InlineData("2019", null, false)]
    [InlineData(null, "2019", false)]
    public void An_end_before_the_start_is_detected_at_each_ends_precision(string? start, string? end, bool expected)
    {
        Assert.Equal(expected, new Period(D(start), D(end)).EndsBeforeItStarts);
    }

    [Fact]
    public void A_period_with_neither_end_is_empty()
    {
        Assert.True(new Period(null, null).IsEmpty);
        Assert.False(new Period(D("2019"), null).IsEmpty);
        Assert.False(new Period(null, D("2019")).IsEmpty);
    }
}
