using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Tests.Pages.Admin;

/// <summary>
/// Walks every Razor page under /Admin that the running app has (not a list kept by hand), with every handler,
/// as an anonymous visitor, as an editor of another organisation and as an admin. A page added tomorrow is
/// walked tomorrow; what it must refuse is stated here, independently of the conventions in Program.cs.
/// </summary>
public class AdminRouteAuthorizationTests(RegistryAppFactory app) : IClassFixture<RegistryAppFactory>
{
    /// <summary>Pages anyone may open: signing in, being told no, and choosing a password from a link or asking for one.</summary>
    private static readonly string[] OpenPages = ["/Admin/SignIn", "/Admin/SignInTwoFactor", "/Admin/AccessDenied", "/Admin/SetPassword", "/Admin/ForgotPassword"];

    /// <summary>What only an admin may see (the account, organisation, municipality and log pages and the bin).</summary>
    private static bool IsAdminOnly(string page) =>
        page.StartsWith("/Admin/Accounts/", StringComparison.Ordinal)
        || page.StartsWith("/Admin/Organisations/", StringComparison.Ordinal)
        || page.StartsWith("/Admin/Municipalities/", StringComparison.Ordinal)
        || page is "/Admin/AuditLog" or "/Admin/Projects/Bin";

    private const string OtherPublisher = "leader-polaris";

    [Fact]
    public async Task The_walk_finds_the_admin_pages_and_their_handlers_at_runtime()
    {
        var requests = await RequestsAsync();

        // Proof that the walk is not empty by mistake: pages and handlers known today must be among what it found.
        var found = requests.Select(r => $"{r.Method} {r.Page}").ToHashSet();
        string[] known =
        [
            "GET /Admin/Index", "GET /Admin/Projects/Edit", "POST /Admin/Projects/Edit", "GET /Admin/Projects/History",
            "POST /Admin/Projects/History", "POST /Admin/Projects/Delete", "GET /Admin/Projects/Bin", "POST /Admin/Projects/Bin",
            "GET /Admin/SignIn", "POST /Admin/SignOut",
        ];
        Assert.True(known.All(found.Contains), $"Saknas i genomgången: {string.Join(", ", known.Where(k => !found.Contains(k)))}\n{Covered(requests)}");
        Assert.Contains(requests, r => r.Url.Contains("?handler=Save", StringComparison.Ordinal) && r.Page == "/Admin/Projects/Edit");
        Assert.DoesNotContain(requests, r => r.Url.Contains('{', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_every_admin_page_and_handler()
    {
        var requests = await RequestsAsync();
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        // A real antiforgery token, from the one admin form an anonymous visitor can load: a refusal must come from sign-in, not from a missing token.
        var token = await StaffSession.AntiforgeryTokenAsync(client, "/admin/logga-in");
        Assert.False(string.IsNullOrEmpty(token));

        var failures = new List<string>();
        foreach (var request in requests)
        {
            using var response = await SendAsync(client, request, token);
            var status = (int)response.StatusCode;
            if (OpenPages.Contains(request.Page))
            {
                if (status >= 500) failures.Add($"{request}: {status}");
            }
            else if (response.StatusCode != HttpStatusCode.Redirect || LocationPath(response) != "/admin/logga-in")
            {
                failures.Add($"{request}: {status} {response.Headers.Location}, inte en omdirigering till /admin/logga-in");
            }
        }

        Assert.True(failures.Count == 0, Report(failures, requests));
    }

    [Fact]
    public async Task An_editor_is_refused_admin_only_pages_and_another_organisations_project_and_nothing_changes()
    {
        var requests = await RequestsAsync();
        var editorEmail = await app.CreateStaffAsync(Roles.Editor, "mala-kommun");
        var editor = await app.SignedInClientAsync(editorEmail);
        // The editor's own account may change (opening the two-factor page prepares a key); every other must not.
        var before = await SnapshotAsync(except: editorEmail);
        // The editor's own valid token, from a form an editor may use (the project list's only POST form, sign-out, carries none).
        var token = await StaffSession.AntiforgeryTokenAsync(editor, "/admin/projekt/ny");
        Assert.False(string.IsNullOrEmpty(token));

        var failures = new List<string>();
        foreach (var request in requests)
        {
            var mustRefuse = IsAdminOnly(request.Page) || request.TargetsOtherPublishersProject;
            // Other POSTs (signing out, changing the own password) are the editor's own business and would end the walk.
            if (!mustRefuse && request.Method == "POST") continue;
            using var response = await SendAsync(editor, request, token);
            var status = (int)response.StatusCode;
            if (status >= 500) failures.Add($"{request}: {status}");
            else if (mustRefuse && !IsRefused(response)) failures.Add($"{request}: {status} {response.Headers.Location}, inte nekad");
            // (The two-factor step sends anyone without a pending sign-in back to the sign-in page, by design.)
            else if (!mustRefuse && !OpenPages.Contains(request.Page) && LocationPath(response) == "/admin/logga-in")
                failures.Add($"{request}: skickad till inloggningen");
        }

        Assert.True(failures.Count == 0, Report(failures, requests));
        // Still signed in, so that no refusal above was really a sign-out.
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);
        Assert.Equal(before, await SnapshotAsync(except: editorEmail));
    }

    [Fact]
    public async Task An_admin_can_open_every_admin_page()
    {
        var requests = await RequestsAsync();
        var admin = await app.SignedInAsAsync(Roles.Admin);

        var failures = new List<string>();
        foreach (var request in requests.Where(r => r.Method == "GET" && !OpenPages.Contains(r.Page)))
        {
            using var response = await SendAsync(admin, request, token: null);
            var ok = response.StatusCode == HttpStatusCode.OK
                || (response.StatusCode == HttpStatusCode.Redirect && LocationPath(response) is { } path && path != "/admin/logga-in" && path != "/admin/ingen-behorighet");
            if (!ok) failures.Add($"{request}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        Assert.True(failures.Count == 0, Report(failures, requests));
    }

    [Fact]
    public async Task A_post_that_names_no_handler_or_an_unknown_one_is_a_400_with_the_Swedish_page_on_every_admin_page()
    {
        var requests = await RequestsAsync();
        var admin = await app.SignedInAsAsync(Roles.Admin);
        var token = await StaffSession.AntiforgeryTokenAsync(admin, "/admin/projekt/ny");
        Assert.False(string.IsNullOrEmpty(token));

        // A page with an unnamed OnPost takes every POST (Razor Pages gives it any handler name): nothing to refuse there.
        var pages = requests.GroupBy(r => r.Url.Split('?')[0])
            .Where(g => !g.Any(r => r.Method == "POST" && !r.Url.Contains("?handler=", StringComparison.Ordinal)))
            .Select(g => g.Key).ToList();
        Assert.Contains("/admin/projekt/ny", pages);
        Assert.Contains("/admin/konton", pages);

        var failures = new List<string>();
        foreach (var url in pages.SelectMany(p => new[] { p, $"{p}?handler=Finns-inte" }))
        {
            using var body = new FormUrlEncodedContent([new("__RequestVerificationToken", token!)]);
            using var response = await admin.PostAsync(new Uri(url, UriKind.Relative), body);
            var page = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
            if (response.StatusCode != HttpStatusCode.BadRequest || page.QuerySelector("h1")?.ReadableText() != "Begäran kunde inte förstås")
                failures.Add($"POST {url}: {(int)response.StatusCode} ”{page.QuerySelector("h1")?.ReadableText()}”");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} fel:\n" + string.Join('\n', failures.Select(f => "  " + f)));
        // Still signed in: none of those posts did anything.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);
    }

    private sealed record AdminRequest(string Page, string Method, string Url, bool TargetsOtherPublishersProject)
    {
        public override string ToString() => $"{Method} {Url} ({Page})";
    }

    /// <summary>
    /// Every /Admin page endpoint with each of its handlers; route values filled with things that exist: a project
    /// of another publisher than the editor's, an account, an organisation.
    /// </summary>
    private async Task<List<AdminRequest>> RequestsAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var projectId = await db.Projects.Where(p => p.Publisher.Slug == OtherPublisher).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var organisationId = await db.Organisations.Where(o => o.Slug == OtherPublisher).Select(o => o.Id).SingleAsync();
        var accountEmail = await app.CreateStaffAsync(Roles.Editor, OtherPublisher);
        var accountId = await db.Users.Where(u => u.Email == accountEmail).Select(u => u.Id).SingleAsync();

        var loader = app.Services.GetRequiredService<PageLoader>();
        var requests = new List<AdminRequest>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var descriptor = endpoint.Metadata.GetMetadata<PageActionDescriptor>();
            if (descriptor is null || !descriptor.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal)) continue;
            var compiled = descriptor as CompiledPageActionDescriptor
                ?? await loader.LoadAsync(descriptor, endpoint.Metadata);

            var page = descriptor.ViewEnginePath;
            var hasId = endpoint.RoutePattern.Parameters.Any(p => p.Name == "id");
            var id = page.StartsWith("/Admin/Projects/", StringComparison.Ordinal) ? projectId.ToString(CultureInfo.InvariantCulture)
                : page.StartsWith("/Admin/Accounts/", StringComparison.Ordinal) ? accountId
                : organisationId.ToString(CultureInfo.InvariantCulture);
            var path = PathOf(endpoint.RoutePattern, name => name == "id" ? id : throw new InvalidOperationException(
                $"{page} har route-parametern {{{name}}}, som testet inte vet ett värde för."));
            var targetsProject = hasId && page.StartsWith("/Admin/Projects/", StringComparison.Ordinal);

            var handlers = compiled.HandlerMethods.Select(h => (Method: h.HttpMethod.ToUpperInvariant(), h.Name)).ToList();
            // A page without a GET handler still answers GET (it renders); so does every page the walk reaches.
            if (handlers.All(h => h.Method != "GET")) handlers.Add(("GET", null));
            foreach (var (method, name) in handlers.Where(h => h.Method is "GET" or "POST"))
            {
                var url = name is null ? path : $"{path}?handler={name}";
                if (requests.Any(r => r.Method == method && r.Url == url)) continue;
                requests.Add(new AdminRequest(page, method, url, targetsProject));
            }
        }
        return requests.OrderBy(r => r.Url, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal).ToList();
    }

    private static string PathOf(RoutePattern pattern, Func<string, string> valueOf) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => valueOf(parameter.Name),
            _ => throw new InvalidOperationException($"Okänd del av routen {pattern.RawText}."),
        }))));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, AdminRequest request, string? token)
    {
        var uri = new Uri(request.Url, UriKind.Relative);
        if (request.Method == "GET") return await client.GetAsync(uri);
        using var body = new FormUrlEncodedContent([new("__RequestVerificationToken", token ?? "")]);
        return await client.PostAsync(uri, body);
    }

    private static bool IsRefused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && LocationPath(response) == "/admin/ingen-behorighet");

    private static string? LocationPath(HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location)).AbsolutePath
            : null;

    /// <summary>What an editor's stray request could have changed: the other publisher's projects, accounts and organisations.</summary>
    private async Task<string> SnapshotAsync(string except)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var projects = await db.Projects.IgnoreQueryFilters().Where(p => p.Publisher.Slug == OtherPublisher)
            .OrderBy(p => p.Id).Select(p => $"{p.Id}:{p.Version}:{p.DeletedAt}:{p.IsPublished}").ToListAsync();
        var revisions = await db.ProjectRevisions.CountAsync();
        var organisations = await db.Organisations.OrderBy(o => o.Id).Select(o => $"{o.Id}:{o.Name}:{o.GoalAreas.Count}").ToListAsync();
        var accounts = await db.Users.Where(u => u.Email != except).OrderBy(u => u.Id).Select(u => $"{u.Id}:{u.ConcurrencyStamp}:{u.IsDisabled}").ToListAsync();
        return string.Join('\n', projects.Append($"revisions:{revisions}").Concat(organisations).Concat(accounts));
    }

    private static string Covered(List<AdminRequest> requests) =>
        $"Genomgångna adresser ({requests.Count}):\n" + string.Join('\n', requests.Select(r => "  " + r));

    private static string Report(List<string> failures, List<AdminRequest> requests) =>
        $"{failures.Count} fel:\n" + string.Join('\n', failures.Select(f => "  " + f)) + "\n" + Covered(requests);
}
