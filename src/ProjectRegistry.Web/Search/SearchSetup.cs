namespace ProjectRegistry.Web.Search;

public static class SearchSetup
{
    /// <summary>This node's search index (Search:IndexPath): every public list, count and sum; it follows the database.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton<SearchIndex>();
        services.AddScoped<ProjectSearch>();
        services.AddSingleton<DisplayNames>();
        return services;
    }
}
