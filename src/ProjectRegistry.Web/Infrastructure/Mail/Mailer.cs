using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ProjectRegistry.Web.Infrastructure.Mail;

/// <summary>
/// Writes and sends the registry's mails: plain text in Swedish, from Smtp:Sender, marked as automatic.
/// <see cref="TrySendAsync"/> sends now, within Smtp:TimeoutSeconds, for a page that must tell staff whether it
/// went (an invitation); <see cref="Enqueue"/> hands it to <see cref="MailOutbox"/>, for a page that must answer the
/// same, at once, whatever happens (a password reset asked for, a feedback notice).
/// </summary>
public sealed class Mailer(IOptions<SmtpOptions> options, IOptions<SiteOptions> site, IServer server, TimeProvider clock, MailOutbox queue, ILogger<Mailer> logger)
{
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>
    /// The base of every link in every mail, without a trailing slash: Site:PublicUrl, never the request. Built from
    /// the request's Host, a reset asked for with "Host: evil.example" mailed the code to that site. Outside
    /// Development the start refuses mail without an https PublicUrl (<see cref="SiteOptions.MailLinksProblem"/>); a
    /// local trial without one gets the address the app listens on, or http://localhost.
    /// </summary>
    public string LinkBase => site.Value.PublicUrl is { Length: > 0 } configured ? configured.Trim().TrimEnd('/') : ListeningAddress();

    private string ListeningAddress()
    {
        if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } first) return "http://localhost";
        var address = BindingAddress.Parse(first);
        // --urls http://0.0.0.0:8080 (or +, *, [::]) listens everywhere; a link needs a name.
        var host = address.Host is "0.0.0.0" or "[::]" or "+" or "*" ? "localhost" : address.Host;
        return $"{address.Scheme}://{host}:{address.Port}";
    }

    public MimeMessage Compose(string to, string subject, string text, string? replyTo = null)
    {
        var message = new MimeMessage { Subject = subject, Date = clock.GetUtcNow() };
        message.From.Add(MailboxAddress.Parse(options.Value.Sender ?? "registret@localhost"));
        message.To.Add(MailboxAddress.Parse(to));
        if (replyTo is not null && MailboxAddress.TryParse(replyTo, out var reply)) message.ReplyTo.Add(reply);
        // RFC 3834: no out-of-office reply loops back to the registry.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = text };
        // On the body: MimeKit keeps a message's Content-* headers with its top-level entity.
        body.Headers.Add(HeaderId.ContentLanguage, "sv");
        message.Body = body;
        return message;
    }

    /// <summary>Sends now; false (and a logged error) when mail is off, the server is slow or refuses.</summary>
    public async Task<bool> TrySendAsync(MimeMessage message, CancellationToken ct = default)
    {
        var settings = options.Value;
        if (!settings.IsConfigured) return false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        try
        {
            using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
            await client.ConnectAsync(settings.Host!, settings.Port, settings.SocketOptions, timeout.Token);
            if (!string.IsNullOrEmpty(settings.User)) await client.AuthenticateAsync(settings.User, settings.Password ?? "", timeout.Token);
            await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(true, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or System.Net.Sockets.SocketException
            or MailKit.ProtocolException or MailKit.CommandException or MailKit.Security.AuthenticationException
            or MailKit.Security.SslHandshakeException or System.Security.Authentication.AuthenticationException or TimeoutException)
        {
            // Not the recipient: it may be an address someone typed. The subject says which kind of mail failed.
            logger.LogError(e, "E-post kunde inte skickas via {SmtpHost}:{SmtpPort} ({Subject})", settings.Host, settings.Port, message.Subject);
            return false;
        }
    }

    /// <summary>Sends in the background; false when mail is off or the queue is full (the failure is logged).</summary>
    public bool Enqueue(MimeMessage message)
    {
        if (!IsConfigured) return false;
        if (queue.Writer.TryWrite(message)) return true;
        logger.LogError("E-postkön är full; meddelandet ({Subject}) skickas inte", message.Subject);
        return false;
    }
}
