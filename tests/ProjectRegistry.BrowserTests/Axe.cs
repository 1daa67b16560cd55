using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ProjectRegistry.BrowserTests;

/// <summary>The one axe check every browser test uses: WCAG 2.1 A and AA, zero violations, each listed with its nodes.</summary>
public static class Axe
{
    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        Assert.True(result.Violations.Length == 0, $"axe found {result.Violations.Length} violation(s) on {what}:\n" + string.Join("\n", result.Violations.Select(v =>
            $"- {v.Id}: {v.Help} ({v.HelpUrl})\n" + string.Join("\n", v.Nodes.Select(n => $"    {n.Target}  {n.Html}")))));
    }

    public static Task AssertNoViolationsAsync(IPage page, string what, string viewport) =>
        AssertNoViolationsAsync(page, $"{what} ({viewport})");
}
