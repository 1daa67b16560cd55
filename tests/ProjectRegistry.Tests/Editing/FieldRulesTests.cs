using ProjectRegistry.Web.Editing;

namespace ProjectRegistry.Tests.Editing;

/// <summary>The money rule as staff type amounts in the form and files write them.</summary>
public class FieldRulesTests
{
    [Theory]
    [InlineData("450 000", "SEK", 45_000_000L, "SEK")]
    [InlineData("450 000 kr", "SEK", 45_000_000L, "SEK")]
    [InlineData("450 000 kr", null, 45_000_000L, "SEK")]
    [InlineData("450 000:-", null, 45_000_000L, "SEK")]
    [InlineData("450000:-", "SEK", 45_000_000L, "SEK")]
    [InlineData("1,5 mkr", null, 150_000_000L, "SEK")]
    [InlineData("1,5 Mkr", "SEK", 150_000_000L, "SEK")]
    [InlineData("2 msek", null, 200_000_000L, "SEK")]
    [InlineData("2 MSEK", "sek", 200_000_000L, "SEK")]
    [InlineData("300 tkr", null, 30_000_000L, "SEK")]
    [InlineData("90 000,50 kr", null, 9_000_050L, "SEK")]
    [InlineData("1,234567 mkr", null, 123_456_700L, "SEK")]
    [InlineData("12 000 €", null, 1_200_000L, "EUR")]
    [InlineData("12 000 EUR", "EUR", 1_200_000L, "EUR")]
    public void An_amount_is_read_with_the_units_a_Leader_office_writes(string amount, string? currency, long minorUnits, string expectedCurrency)
    {
        Assert.Null(FieldRules.Money(amount, currency, out var money));
        Assert.NotNull(money);
        Assert.Equal(minorUnits, money.MinorUnits);
        Assert.Equal(expectedCurrency, money.Currency);
    }

    [Theory]
    [InlineData("450 000 kr", "EUR", FieldRules.MoneyField.Amount, "”450 000 kr” är ett belopp i SEK, men valutan är EUR.")]
    [InlineData("-450 000 kr", null, FieldRules.MoneyField.Amount, "Beloppet kan inte vara negativt.")]
    [InlineData("1,234567891 mkr", null, FieldRules.MoneyField.Amount, "”1,234567891 mkr” är inget belopp.")]
    [InlineData("mkr", null, FieldRules.MoneyField.Amount, "”mkr” är inget belopp.")]
    [InlineData("ett par mkr", null, FieldRules.MoneyField.Amount, "”ett par mkr” är inget belopp.")]
    [InlineData("450 000", null, FieldRules.MoneyField.Currency, "Välj valuta för beloppet")]
    [InlineData("450 000 dollar", "SEK", FieldRules.MoneyField.Amount, "”450 000 dollar” är inget belopp.")]
    [InlineData("", "SEK", FieldRules.MoneyField.Amount, "Skriv beloppet")]
    public void A_wrong_amount_names_its_field_in_Swedish(string amount, string? currency, FieldRules.MoneyField field, string message)
    {
        var problem = FieldRules.Money(amount, currency, out var money);

        Assert.NotNull(problem);
        Assert.Equal(field, problem.Value.Field);
        Assert.StartsWith(message, problem.Value.Problem, StringComparison.Ordinal);
        Assert.Null(money);
    }

    [Fact]
    public void Blank_amount_and_currency_is_no_amount_and_no_problem()
    {
        Assert.Null(FieldRules.Money("  ", null, out var money));
        Assert.Null(money);
    }
}
