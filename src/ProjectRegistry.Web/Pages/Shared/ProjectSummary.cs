using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Pages.Shared;

/// <summary>What a project looks like in any list: one query shape for every page that lists projects.</summary>
public sealed record ProjectSummary(
    int Id, string Slug, string Title, ProjectStatus Status, string PublisherName, Period Period, Money? Budget,
    IReadOnlyList<string> Municipalities, string? Excerpt, DateTime UpdatedAt)
{
    private const int ExcerptLength = 240;

    /// <summary>Where a text search matched, as HTML: encoded text with the matched words in &lt;mark&gt;. Shown instead of the excerpt.</summary>
    public string? Snippet { get; init; }

    /// <summary>
    /// The summaries of <paramref name="projects"/>, in its order; give it the page's ordering and Skip/Take.
    /// </summary>
    /// <remarks>
    /// Three small queries instead of one: the page's ids first, then those rows, then their municipality
    /// names through the link table. Projected in one query, EF joins the municipality names as a subquery
    /// that SQLite materialises for every project before it keeps the page (0.4 s for the five newest at 100k).
    /// </remarks>
    public static async Task<List<ProjectSummary>> ListAsync(RegistryDbContext db, IQueryable<Project> projects, CancellationToken ct = default) =>
        await ListAsync(db, await projects.Select(p => p.Id).ToListAsync(ct), ct);

    /// <summary>The summaries of the projects with these ids (a page the search index chose), in this order.</summary>
    public static async Task<List<ProjectSummary>> ListAsync(RegistryDbContext db, IReadOnlyList<int> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        var rows = await db.Projects.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id, p.Slug, p.Title, p.Status, Publisher = p.Publisher.Name, p.Start, p.End, p.Budget,
                Text = p.Purpose ?? p.Goal ?? p.Description,
                p.UpdatedAt,
            })
            .ToDictionaryAsync(r => r.Id, ct);
        var places = (await db.Projects.AsNoTracking()
                .Where(p => ids.Contains(p.Id))
                .SelectMany(p => p.Municipalities, (p, m) => new { p.Id, m.Name })
                .OrderBy(x => x.Name)
                .ToListAsync(ct))
            .ToLookup(x => x.Id, x => x.Name);
        return ids.Where(rows.ContainsKey).Select(id =>
        {
            var r = rows[id];
            return new ProjectSummary(id, r.Slug, r.Title, r.Status, r.Publisher, new Period(r.Start, r.End), r.Budget,
                places[id].ToList(), MakeExcerpt(r.Text), r.UpdatedAt);
        }).ToList();
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
