using ProjectRegistry.Web.Listing;

namespace ProjectRegistry.Web.Pages.Shared;

/// <summary>
/// One list's page links (rendered by _Pager): plain links, so paging works without JavaScript.
/// <paramref name="Label"/> names the navigation landmark; pages with several pagers give each its own.
/// <paramref name="Target"/>: an embed's pages open in its own frame ("_self"), where its other links open the registry.
/// </summary>
public sealed record Pager(int Page, int PageCount, Func<int, string> Link, string Label = "Sidor", string? Target = null)
{
    /// <summary>The list page size everywhere (<see cref="ProjectFilter.PageSize"/>).</summary>
    public const int PageSize = ProjectFilter.PageSize;

    /// <summary>The query key of the page number, on every paged list.</summary>
    public const string QueryKey = "sida";

    public static int CountPages(int total, int pageSize = PageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);

    /// <summary>The page asked for in <paramref name="text"/> (?sida=), or the first page when it is missing, not a number or past the end.</summary>
    public static int Parse(string? text, int total, int pageSize = PageSize) =>
        int.TryParse(text, out var page) && page >= 1 && page <= CountPages(total, pageSize) ? page : 1;
}
