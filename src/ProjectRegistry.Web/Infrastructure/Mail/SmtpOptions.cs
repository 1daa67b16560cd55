using MailKit.Security;

namespace ProjectRegistry.Web.Infrastructure.Mail;

/// <summary>How the registry sends mail (appsettings section "Smtp"). Without Smtp:Host no mail is sent at all.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>Empty for a relay that needs no sign-in (a local MTA); otherwise with <see cref="Password"/>.</summary>
    public string? User { get; set; }

    /// <summary>Never in appsettings: an environment variable (Smtp__Password) or user secrets.</summary>
    public string? Password { get; set; }

    /// <summary>The From address, e.g. "Projektregistret &lt;registret@leaderpolaris.se&gt;".</summary>
    public string? Sender { get; set; }

    /// <summary>
    /// StartTls by default (port 587, submission): the connection must be upgraded, or nothing is sent; MailKit's
    /// "when available" would send a password in clear text to a server that does not offer it.
    /// </summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Connect, sign in and send within this; a slow server never holds a request longer.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The one place that decides whether the site sends mail: a host and a sender.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(Sender);

    internal SecureSocketOptions SocketOptions => Security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    /// <summary>What is wrong with the Smtp section, in the start's one Swedish sentence, or null when it is usable.</summary>
    public static string? Problem(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (!section.Exists()) return null;
        SmtpOptions options;
        try
        {
            options = section.Get<SmtpOptions>() ?? new();
        }
        catch (InvalidOperationException)
        {
            return "Smtp:Port ska vara ett tal, Smtp:Security ett av None, StartTls eller SslOnConnect och Smtp:TimeoutSeconds ett tal.";
        }
        if (string.IsNullOrWhiteSpace(options.Host))
            return string.IsNullOrWhiteSpace(options.Sender) && string.IsNullOrWhiteSpace(options.User)
                ? null
                : "Smtp:Host saknas: ange e-postserverns namn, eller ta bort Smtp-inställningarna om ingen e-post ska skickas.";
        if (options.Port is < 1 or > 65535) return $"Smtp:Port ska vara mellan 1 och 65535, inte {options.Port}.";
        if (!Enum.IsDefined(options.Security)) return "Smtp:Security ska vara None, StartTls eller SslOnConnect.";
        if (options.TimeoutSeconds is < 1 or > 120) return $"Smtp:TimeoutSeconds ska vara mellan 1 och 120, inte {options.TimeoutSeconds}.";
        if (string.IsNullOrWhiteSpace(options.Sender) || !MimeKit.MailboxAddress.TryParse(options.Sender, out var sender) || !Domain.EmailAddress.IsValid(sender.Address))
            return $"Smtp:Sender ska vara avsändarens adress, till exempel \"Projektregistret <registret@leaderpolaris.se>\", inte \"{options.Sender}\".";
        if (!string.IsNullOrEmpty(options.User) && string.IsNullOrEmpty(options.Password))
            return "Smtp:User är angiven men inte Smtp:Password: sätt lösenordet i miljövariabeln Smtp__Password (eller user secrets), aldrig i appsettings.";
        return null;
    }
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}
