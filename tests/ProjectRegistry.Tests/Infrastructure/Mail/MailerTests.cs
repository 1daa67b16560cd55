using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.Configuration;
using ProjectRegistry.Tests.Pages.Admin;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Mail;

namespace ProjectRegistry.Tests.Infrastructure.Mail;

public class MailerTests
{
    [Theory]
    [InlineData("Smtp:Host=smtp.example.se", "Smtp:Sender")]
    [InlineData("Smtp:Host=smtp.example.se;Smtp:Sender=inte en adress", "Smtp:Sender")]
    [InlineData("Smtp:Host=smtp.example.se;Smtp:Sender=registret@example.se;Smtp:Port=70000", "Smtp:Port")]
    [InlineData("Smtp:Host=smtp.example.se;Smtp:Sender=registret@example.se;Smtp:Security=Ibland", "Smtp:Security")]
    [InlineData("Smtp:Host=smtp.example.se;Smtp:Sender=registret@example.se;Smtp:User=registret", "Smtp__Password")]
    [InlineData("Smtp:Sender=registret@example.se", "Smtp:Host")]
    public void A_smtp_section_that_cannot_be_used_stops_the_start_with_a_Swedish_sentence_naming_the_setting(string settings, string named)
    {
        var problem = SmtpOptions.Problem(Configuration(settings));

        Assert.NotNull(problem);
        Assert.Contains(named, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Smtp:Host=smtp.example.se;Smtp:Sender=Projektregistret <registret@example.se>")]
    [InlineData("Smtp:Host=smtp.example.se;Smtp:Port=465;Smtp:Security=SslOnConnect;Smtp:User=u;Smtp:Password=p;Smtp:Sender=registret@example.se")]
    public void No_smtp_section_or_a_whole_one_is_accepted(string settings) => Assert.Null(SmtpOptions.Problem(Configuration(settings)));

    [MailFact]
    public async Task A_silent_smtp_server_costs_the_admin_at_most_the_timeout_and_the_page_says_the_mail_did_not_go_and_shows_the_link()
    {
        // A server that accepts the connection and never says a word: the worst case for a page that waits for it.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true) accepted.Add(await silent.AcceptTcpClientAsync());
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        });
        await using var app = new RegistryAppFactory
        {
            Settings = new()
            {
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = ((IPEndPoint)silent.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Smtp:Security"] = "None",
                ["Smtp:Sender"] = SmtpServer.Sender,
                ["Smtp:TimeoutSeconds"] = "2",
            },
        };
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var email = $"tyst-{Guid.NewGuid():N}@example.se";
        var form = (await admin.GetPageAsync("/admin/konton/ny")).QuerySelector<IHtmlFormElement>("main form[method=post]")!;
        form.Fill("Input.Email", email).Choose("Input.Role", Roles.Admin);

        var watch = Stopwatch.StartNew();
        using var response = await admin.SendAsync(form);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"Sidan tog {watch.Elapsed.TotalSeconds:F1} s.");
        var page = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("E-posten kunde inte skickas", page.Body!.ReadableText(), StringComparison.Ordinal);
        Assert.Contains("/admin/valj-losenord?kod=", page.QuerySelector("code.secret")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(await app.AuditAsync(email), e => e.Kind == AuditKind.InvitationSent && e.Detail!.Contains("gick inte iväg", StringComparison.Ordinal));
        silent.Stop();
        foreach (var client in accepted) client.Dispose();
    }

    [MailFact]
    public async Task Asking_for_reset_links_counts_towards_the_per_client_limit()
    {
        await using var app = new RegistryAppFactory { SignInAttemptsPerMinute = 3, Settings = SmtpServer.Required.Settings };
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var form = (await client.GetPageAsync("/admin/glomt-losenord")).QuerySelector<IHtmlFormElement>("main form[method=post]")!;
            using var response = await client.SendAsync(form.Fill("Input.Email", $"nagon-{i}@example.se"));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    private static IConfiguration Configuration(string settings) => new ConfigurationBuilder()
        .AddInMemoryCollection(settings.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split('=', 2)).Select(kv => new KeyValuePair<string, string?>(kv[0], kv[1])))
        .Build();
}
