namespace ProjectRegistry.Web.Pages.Feedback;

public static class FeedbackSetup
{
    /// <summary>Readers' feedback is kept for the admin's retention time (12 months by default); older messages are deleted daily.</summary>
    public static IServiceCollection AddFeedbackRetention(this IServiceCollection services)
    {
        services.AddSingleton<FeedbackRetention>();
        services.AddHostedService(s => s.GetRequiredService<FeedbackRetention>());
        return services;
    }
}
