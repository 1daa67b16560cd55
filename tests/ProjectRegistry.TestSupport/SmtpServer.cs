using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// A real SMTP server for the mail tests: Debian's python3-aiosmtpd started by this test run on a free loopback
/// port, storing every message it accepts in a maildir of its own, stopped when the run ends. Tests tell their
/// messages apart by recipient (each test uses addresses of its own) and read them with MimeKit. Null when
/// aiosmtpd is not installed.
/// </summary>
public sealed class SmtpServer
{
    public const string Sender = "Projektregistret <registret@example.se>";
    private const string Python = "/usr/bin/python3";
    private const string Package = "/usr/lib/python3/dist-packages/aiosmtpd";
    private static readonly Lazy<SmtpServer?> Instance = new(Start);

    private SmtpServer(int port, string maildir)
    {
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    public static bool IsInstalled => File.Exists(Python) && Directory.Exists(Package);

    public static SmtpServer? Shared => Instance.Value;

    public static SmtpServer Required => Shared ?? throw new InvalidOperationException(
        "En SMTP-server behövs för testet: installera Debians paket python3-aiosmtpd (apt-get install python3-aiosmtpd).");

    /// <summary>The app's Smtp settings that send to this server: plain SMTP on loopback, no sign-in.</summary>
    public Dictionary<string, string> Settings => new()
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:Sender"] = Sender,
    };

    /// <summary>Every message delivered so far to <paramref name="recipient"/>, oldest first.</summary>
    public List<MimeMessage> MessagesTo(string recipient)
    {
        var delivered = Path.Combine(Maildir, "new");
        if (!Directory.Exists(delivered)) return [];
        var messages = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(delivered).OrderBy(File.GetLastWriteTimeUtc))
        {
            using var stream = File.OpenRead(file);
            var message = MimeMessage.Load(stream);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, recipient, StringComparison.OrdinalIgnoreCase)))
                messages.Add(message);
        }
        return messages;
    }

    /// <summary>Waits until <paramref name="count"/> messages have reached <paramref name="recipient"/> (default 15 s).</summary>
    public async Task<List<MimeMessage>> WaitForAsync(string recipient, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var messages = MessagesTo(recipient);
            if (messages.Count >= count) return messages;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{messages.Count} av {count} meddelanden till {recipient} kom fram till SMTP-servern.");
            await Task.Delay(100);
        }
    }

    /// <summary>The first address in a mail's text that starts with <paramref name="prefix"/> (a link to follow).</summary>
    public static string Link(MimeMessage message, string prefix)
    {
        var text = message.TextBody ?? "";
        var start = text.IndexOf(prefix, StringComparison.Ordinal);
        Assert.True(start >= 0, $"Ingen länk som börjar med {prefix} i:\n{text}");
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
        return text[start..end];
    }

    private static SmtpServer? Start()
    {
        if (!IsInstalled) return null;
        var port = LoopbackServers.FreePort();
        var maildir = Path.Combine(Path.GetTempPath(), $"projektregistret-smtp-{Guid.NewGuid():N}");
        // Python's Maildir makes its tmp, new and cur folders only when it creates the maildir folder itself.
        foreach (var folder in new[] { "tmp", "new", "cur" }) Directory.CreateDirectory(Path.Combine(maildir, folder));
        LoopbackServers.Start("aiosmtpd", $"{Python} -m aiosmtpd -n -l 127.0.0.1:{port} -c aiosmtpd.handlers.Mailbox '{maildir}'", port, cleanup: $"rm -rf '{maildir}'");
        return new SmtpServer(port, maildir);
    }
}

/// <summary>
/// Needs python3-aiosmtpd from Debian's packages (which .ci/run installs): skipped with the reason when it is
/// missing, so that a plain <c>dotnet test</c> passes; under CI=true a missing server fails the test instead.
/// </summary>
public sealed class MailFactAttribute : FactAttribute
{
    public MailFactAttribute()
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!SmtpServer.IsInstalled && !ci) Skip = "python3-aiosmtpd saknas (apt-get install python3-aiosmtpd); .ci/run installerar det.";
    }
}
