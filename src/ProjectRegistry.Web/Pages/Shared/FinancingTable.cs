using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Pages.Shared;

/// <summary>
/// What <c>_FinancingTable</c> shows: financing by kind of contribution, one table per currency, for one project or
/// summed over a list of them (an organisation's, a municipality's, the statistics' filter).
/// </summary>
/// <param name="Caption">"Finansieringen" or "Finansieringen per slag"; " i EUR" is added when there are several currencies.</param>
/// <param name="Note">Said after the caption, in its muted part.</param>
public sealed record FinancingTable(IReadOnlyList<FinancingByKind> Items, string Caption, string Note);
