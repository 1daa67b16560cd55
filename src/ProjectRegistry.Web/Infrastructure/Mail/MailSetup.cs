using ProjectRegistry.Web.Pages.Alerts;

namespace ProjectRegistry.Web.Infrastructure.Mail;

public static class MailSetup
{
    public static IServiceCollection AddMailAndAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        // Mail through Smtp:* (checked at the start, see Program.cs); without Smtp:Host nothing is sent and pages say so.
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<MailOutbox>();
        services.AddHostedService(s => s.GetRequiredService<MailOutbox>());
        services.AddSingleton<Mailer>();
        // Alerts by e-mail: a daily digest per confirmed alert, one node at a time (a lease in the database).
        services.AddSingleton<AlertDigests>();
        services.AddHostedService(s => s.GetRequiredService<AlertDigests>());
        return services;
    }
}
