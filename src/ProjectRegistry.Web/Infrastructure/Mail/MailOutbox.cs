using System.Threading.Channels;
using MimeKit;

namespace ProjectRegistry.Web.Infrastructure.Mail;

/// <summary>
/// The mails waiting to be sent by this node, one at a time. Bounded (a flood of reset requests cannot fill the
/// memory) and in memory only: a mail queued when the node stops is lost, which for a reset link or a feedback
/// notice (the message itself is in the database) costs a retry, not data.
/// </summary>
public sealed class MailOutbox : BackgroundService
{
    private readonly Channel<MimeMessage> _channel = Channel.CreateBounded<MimeMessage>(new BoundedChannelOptions(500)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly IServiceProvider _services;

    public MailOutbox(IServiceProvider services) => _services = services;

    public ChannelWriter<MimeMessage> Writer => _channel.Writer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The mailer needs the queue; resolved here rather than in the constructor to keep the pair acyclic.
        var mailer = _services.GetRequiredService<Mailer>();
        try
        {
            await foreach (var message in _channel.Reader.ReadAllAsync(stoppingToken))
                await mailer.TrySendAsync(message, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
