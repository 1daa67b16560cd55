using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Testing;
using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>The anonymous sign-in form under flooding: what it accepts, and what reaches the audit log.</summary>
[Collection(SeededApp.Name)]
public class SignInTests(RegistryAppFactory app)
{
    private HttpClient NewClient() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task A_sign_in_post_of_megabytes_is_refused_with_413_and_the_Swedish_page_and_logs_nothing()
    {
        var marker = $"stor-{Guid.NewGuid():N}";
        var client = NewClient();

        using var response = await client.PostFormAsync("/admin/logga-in",
            new() { ["Input.Email"] = marker + new string('a', 4_000_000) + "@example.se", ["Input.Password"] = "ett lösenord som inte stämmer" });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("Det du skickade är för stort", page.QuerySelector("h1")?.ReadableText());
        Assert.False(await app.InDbAsync(db => db.AuditEvents.AnyAsync(e => e.Subject!.StartsWith(marker))));
    }

    [Fact]
    public async Task A_sign_in_post_without_a_length_is_cut_off_at_the_limit_too()
    {
        var client = NewClient();
        var token = await StaffSession.AntiforgeryTokenAsync(client, "/admin/logga-in");
        var body = $"__RequestVerificationToken={token}&Input.Password=x&Input.Email=" + new string('a', 100_000);

        using var response = await client.PostAsync(new Uri("/admin/logga-in", UriKind.Relative), new UnknownLengthContent(body));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_ordinary_sign_in_without_a_length_still_works()
    {
        var email = await app.CreateStaffAsync(ProjectRegistry.Web.Domain.Roles.Editor, "leader-polaris");
        var client = NewClient();
        var token = await StaffSession.AntiforgeryTokenAsync(client, "/admin/logga-in");
        var body = $"__RequestVerificationToken={Uri.EscapeDataString(token!)}&Input.Email={Uri.EscapeDataString(email)}&Input.Password={Uri.EscapeDataString(StaffSession.Password)}";

        using var response = await client.PostAsync(new Uri("/admin/logga-in", UriKind.Relative), new UnknownLengthContent(body));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData("Input.Email", 255, "E-postadressen får vara högst 254 tecken.")]
    [InlineData("Input.Password", 1025, "Lösenordet får vara högst 1024 tecken.")]
    public async Task A_field_over_its_bound_gets_a_Swedish_message_and_no_audit_event(string field, int length, string message)
    {
        var marker = $"lang-{Guid.NewGuid():N}";
        var email = field == "Input.Email" ? marker + new string('a', length - marker.Length - 11) + "@example.se" : marker + "@example.se";
        var password = field == "Input.Password" ? new string('p', length) : "ett lösenord som inte stämmer";
        Assert.Equal(length, field == "Input.Email" ? email.Length : password.Length);
        var client = NewClient();

        using var response = await client.PostFormAsync("/admin/logga-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, page.QuerySelector($"[data-valmsg-for='{field}']")?.ReadableText());
        Assert.False(await app.InDbAsync(db => db.AuditEvents.AnyAsync(e => e.Subject!.StartsWith(marker))));
    }

    /// <summary>A body sent chunked, as a client that does not say its length sends it.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(string body)
        {
            _bytes = System.Text.Encoding.UTF8.GetBytes(body);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
