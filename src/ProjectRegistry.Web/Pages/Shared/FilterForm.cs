using ProjectRegistry.Web.Listing;
using ProjectRegistry.Web.Search;

namespace ProjectRegistry.Web.Pages.Shared;

/// <summary>What the shared filter form needs: the current filter, its choices, and the page it submits to.</summary>
public sealed record FilterForm(ProjectFilter Filter, ProjectFacets Facets, string Action, bool WithSort, string Submit);
