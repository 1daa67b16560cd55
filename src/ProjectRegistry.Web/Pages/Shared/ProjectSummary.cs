using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Pages.Shared;

/// <summary>What a project looks like in any list: one query shape for every page that lists projects.</summary>
public sealed record ProjectSummary(
    string Slug, string Title, ProjectStatus Status, string PublisherName, Period Period, Money? Budget,
    IReadOnlyList<string> Municipalities, string? Excerpt, DateTime UpdatedAt)
{
    private const int ExcerptLength = 240;

    public static async Task<List<ProjectSummary>> ListAsync(IQueryable<Project> projects, CancellationToken ct = default)
    {
        var rows = await projects
            .AsNoTracking()
            .Select(p => new
            {
                p.Slug, p.Title, p.Status, Publisher = p.Publisher.Name, p.Start, p.End, p.Budget,
                Municipalities = p.Municipalities.OrderBy(m => m.Name).Select(m => m.Name).ToList(),
                Text = p.Purpose ?? p.Goal ?? p.Description,
                p.UpdatedAt,
            })
            .ToListAsync(ct);
        return rows.Select(r => new ProjectSummary(
            r.Slug, r.Title, r.Status, r.Publisher, new Period(r.Start, r.End), r.Budget, r.Municipalities, MakeExcerpt(r.Text), r.UpdatedAt)).ToList();
    }

    private static string? MakeExcerpt(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var plain = string.Join(' ', text.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimStart('#', ' ', '-', '*'))).Replace("**", "", StringComparison.Ordinal);
        if (plain.Length <= ExcerptLength) return plain;
        var cut = plain.LastIndexOf(' ', ExcerptLength);
        return plain[..(cut > 0 ? cut : ExcerptLength)] + " …";
    }
}
