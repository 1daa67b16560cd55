using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Pages.Shared;

/// <summary>Amounts summed per currency: SEK and EUR are never added together.</summary>
public static class MoneySums
{
    public static IReadOnlyList<Money> PerCurrency(IEnumerable<(string Currency, long MinorUnits)> sums) =>
        sums.OrderBy(s => Money.SupportedCurrencies.ToList().IndexOf(s.Currency))
            .Select(s => new Money(s.MinorUnits, s.Currency)).ToList();

    public static string ToDisplayString(IReadOnlyList<Money> sums) =>
        sums.Count == 0 ? "Inga belopp angivna" : string.Join(" och ", sums.Select(s => s.ToDisplayString()));
}
