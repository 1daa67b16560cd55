using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Domain;

public class PartialDateTests
{
    [Theory]
    [InlineData("2019", 2019, null, null, DatePrecision.Year)]
    [InlineData("2020-09", 2020, 9, null, DatePrecision.Month)]
    [InlineData("2018-09-01", 2018, 9, 1, DatePrecision.Day)]
    [InlineData("20180901", 2018, 9, 1, DatePrecision.Day)]
    [InlineData("  2021-12-31 ", 2021, 12, 31, DatePrecision.Day)]
    [InlineData("2020-02-29", 2020, 2, 29, DatePrecision.Day)]
    public void Parsing_keeps_the_precision_the_source_gave(string text, int year, int? month, int? day, DatePrecision precision)
    {
        Assert.True(PartialDate.TryParse(text, out var date));
        Assert.NotNull(date);
        Assert.Equal(year, date.Year);
        Assert.Equal(month, date.Month);
        Assert.Equal(day, date.Day);
        Assert.Equal(precision, date.Precision);
    }

    [Theory]
    [InlineData("2019-13")]
    [InlineData("2019-00")]
    [InlineData("2019-02-30")]
    [InlineData("2019-02-29")]
    [InlineData("2019-04-31")]
    [InlineData("2019-09-00")]
    [InlineData("20191301")]
    [InlineData("201909011")]
    [InlineData("abc")]
    [InlineData("2019-9")]
    [InlineData("2019-09-1")]
    [InlineData("19")]
    [InlineData("0999")]
    [InlineData("-2019")]
    [InlineData("2019-")]
    [InlineData("2019-09-01-01")]
    [InlineData("2019/09/01")]
    [InlineData("2019-09-01T00:00")]
    [InlineData("september 2020")]
    [InlineData("٢٠١٩")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Invalid_dates_are_refused_rather_than_guessed(string? text)
    {
        Assert.False(PartialDate.TryParse(text, out var date));
        Assert.Null(date);
    }

    [Theory]
    [InlineData("2019", "2019")]
    [InlineData("2020-09", "september 2020")]
    [InlineData("2022-05", "maj 2022")]
    [InlineData("2018-09-01", "1 september 2018")]
    [InlineData("20211231", "31 december 2021")]
    public void Display_is_Swedish_at_the_recorded_precision(string text, string expected)
    {
        Assert.True(PartialDate.TryParse(text, out var date));
        Assert.Equal(expected, date!.ToDisplayString());
    }

    [Theory]
    [InlineData("2019", "2019")]
    [InlineData("2020-09", "2020-09")]
    [InlineData("20180901", "2018-09-01")]
    public void Iso_form_is_never_padded_to_a_false_day(string text, string expected)
    {
        Assert.True(PartialDate.TryParse(text, out var date));
        Assert.Equal(expected, date!.ToIsoString());
        Assert.Equal(expected, date.ToString());
    }

    [Theory]
    [InlineData("2019", "2019-01-01", "2019-12-31")]
    [InlineData("2020-02", "2020-02-01", "2020-02-29")]
    [InlineData("2021-02", "2021-02-01", "2021-02-28")]
    [InlineData("2018-09-01", "2018-09-01", "2018-09-01")]
    public void Earliest_and_latest_span_what_the_date_may_mean(string text, string earliest, string latest)
    {
        Assert.True(PartialDate.TryParse(text, out var date));
        Assert.Equal(DateOnly.Parse(earliest, System.Globalization.CultureInfo.InvariantCulture), date!.Earliest);
        Assert.Equal(DateOnly.Parse(latest, System.Globalization.CultureInfo.InvariantCulture), date.Latest);
    }

    [Fact]
    public void The_constructor_refuses_dates_that_do_not_exist()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartialDate(2019, 13));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartialDate(2019, 2, 30));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartialDate(19));
        Assert.Throws<ArgumentException>(() => new PartialDate(2019, null, 1));
    }

    [Fact]
    public void Dates_with_the_same_parts_are_equal()
    {
        Assert.True(PartialDate.TryParse("20200901", out var compact));
        Assert.Equal(new PartialDate(2020, 9, 1), compact);
        Assert.NotEqual(new PartialDate(2020, 9), compact);
    }
}
