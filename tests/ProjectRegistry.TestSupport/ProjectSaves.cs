using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>One staff save of a project as a browser makes it: load the edit form, change the title, press Spara.</summary>
public static class ProjectSaves
{
    public sealed record Outcome(HttpStatusCode Status, bool Conflict)
    {
        /// <summary>Post/redirect/get: the 302 is the acknowledgement that the save is stored.</summary>
        public bool Acknowledged => Status == HttpStatusCode.Redirect;
    }

    public static async Task<Outcome> SaveTitleAsync(HttpClient client, int projectId, string title, CancellationToken ct = default)
    {
        var url = $"/admin/projekt/{projectId}";
        using var page = await client.GetAsync(new Uri(url, UriKind.Relative), ct);
        if (page.StatusCode != HttpStatusCode.OK) return new(page.StatusCode, false);
        var document = await StaffSession.ParseAsync(await page.Content.ReadAsStringAsync(ct));
        var button = document.QuerySelectorAll<IHtmlButtonElement>("main form button").FirstOrDefault(b => b.ReadableText() == "Spara");
        Assert.True(button?.Form is not null, $"{url} har ingen knapp ”Spara”.");
        var fields = FormPage.Controls(button.Form.Elements);
        fields.RemoveAll(f => f.Key == "Input.Title");
        fields.Add(new("Input.Title", title));
        using var body = new FormUrlEncodedContent(fields);
        using var saved = await client.PostAsync(new Uri(button.GetAttribute("formaction")!, UriKind.Relative), body, ct);
        if (saved.StatusCode != HttpStatusCode.OK) return new(saved.StatusCode, false);
        var shown = await StaffSession.ParseAsync(await saved.Content.ReadAsStringAsync(ct));
        return new(saved.StatusCode, shown.QuerySelector("section.conflict") is not null);
    }
}
