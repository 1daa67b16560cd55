using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Infrastructure.Cli;

namespace ProjectRegistry.Tests.Operations;

/// <summary>
/// The rolling log file from appsettings: a request id on every line of a request, and no personal data
/// (staff e-mail addresses, passwords, whatever was typed into the sign-in form) in any line.
/// </summary>
public sealed partial class LoggingTests : IAsyncLifetime
{
    private readonly RegistryAppFactory _site = new()
    {
        Settings = new() { ["Serilog:MinimumLevel:Default"] = "Information" },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    private sealed record Line(string RequestId, string Source, string Text);

    private async Task<List<Line>> ReadLogAsync(Func<List<Line>, bool> complete)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var lines = ReadLog();
        while (!complete(lines) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            lines = ReadLog();
        }
        return lines;
    }

    private List<Line> ReadLog()
    {
        var lines = new List<Line>();
        foreach (var file in Directory.GetFiles(_site.LogDirectory, "*.log"))
        {
            // The sink keeps the file open; share it as a tail would.
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } text)
            {
                var match = LogLine().Match(text);
                if (match.Success) lines.Add(new(match.Groups[1].Value, match.Groups[2].Value, text));
            }
        }
        return lines;
    }

    [Fact]
    public async Task Sign_ins_accounts_and_saves_are_logged_with_request_ids_and_without_e_mail_addresses_or_passwords()
    {
        const string typedEmail = "nagon.annan@example.se";
        const string wrongPassword = "ett felaktigt lösenord 99";
        const string newPassword = "ett helt nytt lösenord för kontot";
        using var stranger = _site.CreateClient(new() { AllowAutoRedirect = false });
        await stranger.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = typedEmail, ["Input.Password"] = wrongPassword });
        var email = await _site.CreateStaffAsync(Roles.Admin);
        using var admin = await _site.SignedInClientAsync(email);
        int projectId;
        using (var scope = _site.Services.CreateScope())
            projectId = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Projects.Where(p => p.Slug == "sikt-2-0").Select(p => p.Id).SingleAsync();
        Assert.True((await ProjectSaves.SaveTitleAsync(admin, projectId, "SIKT 2.0 loggtest")).Acknowledged);
        var reset = CliCommand.Parse(["users", "reset-password", "--email", email])!;
        Assert.Equal(0, await reset.RunAsync(_site.Services, new StringReader(newPassword + "\n"), TextWriter.Null, TextWriter.Null));
        await _site.SignedInClientAsync(email, newPassword);

        // The request middleware writes its line as the response completes, which the client may see first.
        var log = await ReadLogAsync(lines => lines.Count(l => l.Text.Contains("HTTP POST /admin/logga-in responded 302", StringComparison.Ordinal)) == 2);

        Assert.Contains(log, l => l.Text.Contains("HTTP POST /admin/logga-in responded 302", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Text.Contains($"Projekt {projectId} sparat av användare", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Text.Contains("Granskningshändelse", StringComparison.Ordinal) && l.Text.Contains("SignInFailed", StringComparison.Ordinal));
        foreach (var secret in new[] { typedEmail, email, StaffSession.Password, wrongPassword, newPassword, "@example.se" })
            Assert.DoesNotContain(log, l => l.Text.Contains(secret, StringComparison.OrdinalIgnoreCase));
        // Every line written while a request was handled carries its id; only the command line's own lines have none.
        var requestLines = log.Where(l => l.Source.StartsWith("Serilog.AspNetCore", StringComparison.Ordinal)
            || l.Source.StartsWith("ProjectRegistry.Web.Pages", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, l => Assert.True(l.RequestId.Length > 0, $"Utan request id: {l.Text}"));
        Assert.All(log.Where(l => l.Text.Contains("SignIn", StringComparison.Ordinal)), l => Assert.True(l.RequestId.Length > 0, $"Utan request id: {l.Text}"));
    }

    // "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {RequestId} {SourceContext} {Message}" from appsettings.json.
    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \S+ \[[A-Z]{3}\] (\S*) (\S+) ")]
    private static partial Regex LogLine();
}
