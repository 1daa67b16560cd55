using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Domain;

public class MoneyTests
{
    private const char Nbsp = '\u00a0';

    [Theory]
    [InlineData("3 900 000 SEK", 390_000_000L, "SEK")]
    [InlineData("1 522 196 EUR", 152_219_600L, "EUR")]
    [InlineData("563 000 EUR", 56_300_000L, "EUR")]
    [InlineData("90 000,50 SEK", 9_000_050L, "SEK")]
    [InlineData("90 000,5 SEK", 9_000_050L, "SEK")]
    [InlineData("3900000 SEK", 390_000_000L, "SEK")]
    [InlineData("3\u00a0900\u00a0000\u00a0SEK", 390_000_000L, "SEK")]
    [InlineData("  135 000 sek  ", 13_500_000L, "SEK")]
    [InlineData("0 SEK", 0L, "SEK")]
    [InlineData("250 000 NOK", 25_000_000L, "NOK")]
    public void Parsing_reads_the_amount_exactly_in_minor_units(string text, long minorUnits, string currency)
    {
        Assert.True(Money.TryParse(text, out var money));
        Assert.NotNull(money);
        Assert.Equal(minorUnits, money.MinorUnits);
        Assert.Equal(currency, money.Currency);
    }

    [Theory]
    [InlineData("3 900 000")]
    [InlineData("3900000")]
    [InlineData("SEK")]
    [InlineData("3 900 000 kr")]
    [InlineData("3 900 000 USD")]
    [InlineData("-500 SEK")]
    [InlineData("- 500 SEK")]
    [InlineData("−500 SEK")]
    [InlineData("1,234 SEK")]
    [InlineData("1.000.000 SEK")]
    [InlineData("1,2,3 SEK")]
    [InlineData("tre miljoner SEK")]
    [InlineData("1e6 SEK")]
    [InlineData("10 000 000 000 001 SEK")]
    [InlineData("")]
    [InlineData(null)]
    public void Amounts_without_a_known_currency_or_with_a_sign_are_refused(string? text)
    {
        Assert.False(Money.TryParse(text, out var money));
        Assert.Null(money);
    }

    [Theory]
    [InlineData("3 900 000 SEK", "3 900 000 kr")]
    [InlineData("1 522 196 EUR", "1 522 196 €")]
    [InlineData("90 000,50 SEK", "90 000,50 kr")]
    [InlineData("135 000 SEK", "135 000 kr")]
    [InlineData("250 NOK", "250 NOK")]
    public void Display_uses_Swedish_grouping_and_the_everyday_sign(string text, string expectedWithSpaces)
    {
        Assert.True(Money.TryParse(text, out var money));
        // Non-breaking spaces, so that an amount never breaks across lines.
        Assert.Equal(expectedWithSpaces.Replace(' ', Nbsp), money!.ToDisplayString());
    }

    [Theory]
    [InlineData("3 900 000 SEK")]
    [InlineData("1 522 196 EUR")]
    [InlineData("90 000,50 SEK")]
    public void The_seed_form_reads_back_to_the_same_amount(string text)
    {
        Assert.True(Money.TryParse(text, out var money));
        Assert.True(Money.TryParse(money!.ToString(), out var again));
        Assert.Equal(money, again);
    }

    [Fact]
    public void An_unknown_currency_cannot_be_constructed()
    {
        Assert.Throws<ArgumentException>(() => new Money(100, "USD"));
        Assert.Throws<ArgumentNullException>(() => new Money(100, null!));
    }

    [Fact]
    public void Equal_amounts_in_different_currencies_are_not_equal()
    {
        Assert.NotEqual(Money.Of(100m, "SEK"), Money.Of(100m, "EUR"));
        Assert.Equal(Money.Of(100m, "SEK"), new Money(10_000, "SEK"));
    }
}
