using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ProjectRegistry.Tests.TestSupport;

/// <summary>
/// A page with POST forms as a browser holds it: each named control's value (checked boxes only, the selected
/// option), what the test typed over them, and the buttons, each posting its own form to its formaction.
/// </summary>
public sealed class FormPage(HttpClient client, string url, IDocument document)
{
    private readonly List<KeyValuePair<string, string>> _typed = [];
    private readonly List<(string Name, string FileName, byte[] Bytes, string ContentType)> _attached = [];

    public IDocument Document => document;

    public static async Task<FormPage> OpenAsync(HttpClient client, string url) => new(client, url, await client.GetPageAsync(url));

    /// <summary>The value the page shows in a control, as the browser would send it; null when there is no such control.</summary>
    public string? Value(string name) => Controls(document.QuerySelectorAll<IHtmlFormElement>("main form[method=post]").SelectMany(f => f.Elements))
        .Where(c => c.Key == name).Select(c => (string?)c.Value).FirstOrDefault();

    public string FieldError(string name) => document.QuerySelector($"[data-valmsg-for='{name}']")?.ReadableText() ?? "";

    public List<string> Buttons() => document.QuerySelectorAll("main form button").Select(b => b.ReadableText()).ToList();

    public FormPage Type(string name, string value)
    {
        _typed.RemoveAll(t => t.Key == name);
        _typed.Add(new(name, value));
        return this;
    }

    /// <summary>Chooses a file for a file input, with the name and Content-Type a browser would send (which the server must not trust).</summary>
    public FormPage Attach(string name, string fileName, byte[] bytes, string contentType = "application/octet-stream")
    {
        Assert.True(document.QuerySelector($"main form input[type=file][name='{name}']") is not null, $"Formuläret har inget filfält {name}.");
        _attached.RemoveAll(a => a.Name == name);
        _attached.Add((name, fileName, bytes, contentType));
        return this;
    }

    /// <summary>Picks an option by the text the user reads.</summary>
    public FormPage Choose(string name, string optionText)
    {
        var select = document.QuerySelector<IHtmlSelectElement>($"select[name='{name}']");
        Assert.True(select is not null, $"Formuläret har ingen lista {name}.");
        var option = select.Options.FirstOrDefault(o => o.ReadableText() == optionText);
        Assert.True(option is not null, $"{name} har inget val ”{optionText}”: {string.Join(", ", select.Options.Select(o => o.ReadableText()))}.");
        return Type(name, option.Value);
    }

    public async Task<HttpResponseMessage> PressAsync(string buttonText)
    {
        var button = document.QuerySelectorAll<IHtmlButtonElement>("main form button").FirstOrDefault(b => b.ReadableText() == buttonText);
        Assert.True(button?.Form is not null, $"Sidan {url} har ingen knapp ”{buttonText}”; den har: {string.Join(" | ", Buttons())}.");
        var fields = Controls(button.Form.Elements);
        foreach (var (name, value) in _typed)
        {
            var at = fields.FindIndex(f => f.Key == name);
            if (at >= 0) fields[at] = new(name, value);
            else fields.Add(new(name, value));
        }
        var action = button.GetAttribute("formaction") is { Length: > 0 } formAction ? formAction
            : button.Form.GetAttribute("action") is { Length: > 0 } formActionOfForm ? formActionOfForm
            : url;
        if (!string.Equals(button.Form.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            using var body = new FormUrlEncodedContent(fields);
            return await client.PostAsync(new Uri(action, UriKind.Relative), body);
        }
        // A multipart form sends its file inputs too: the attached file, or an empty part as a browser does.
        using var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields) multipart.Add(new StringContent(value), name);
        foreach (var input in button.Form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "file" && !string.IsNullOrEmpty(i.Name)))
        {
            var attached = _attached.FirstOrDefault(a => a.Name == input.Name);
            var part = new ByteArrayContent(attached.Bytes ?? []);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(attached.Bytes is null ? "application/octet-stream" : attached.ContentType);
            multipart.Add(part, input.Name!, attached.FileName ?? "");
        }
        return await client.PostAsync(new Uri(action, UriKind.Relative), multipart);
    }

    /// <summary>Follows a link of the page by the text the user reads (a step such as a confirmation), to the page it opens.</summary>
    public async Task<FormPage> FollowAsync(string linkText)
    {
        var link = document.QuerySelectorAll<IHtmlAnchorElement>("main a").FirstOrDefault(a => a.ReadableText() == linkText);
        Assert.True(link is not null, $"Sidan {url} har ingen länk ”{linkText}”.");
        var href = link.GetAttribute("href")!;
        var target = href.StartsWith('?') ? url.Split('?')[0] + href : href;
        return await OpenAsync(client, target.Split('#')[0]);
    }

    /// <summary>Presses a button that shows the form again (a row, a preview, a refused save).</summary>
    public async Task<FormPage> StayAsync(string buttonText)
    {
        using var response = await PressAsync(buttonText);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"”{buttonText}” på {url} gav {(int)response.StatusCode} {response.Headers.Location}.");
        return new FormPage(client, url, await StaffSession.ParseAsync(html));
    }

    /// <summary>Presses a button that saves and redirects (post/redirect/get); returns where it leads.</summary>
    public async Task<string> SaveAsync(string buttonText)
    {
        using var response = await PressAsync(buttonText);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var shown = await StaffSession.ParseAsync(await response.Content.ReadAsStringAsync());
            var errors = shown.QuerySelector(".error-summary, section.conflict")?.ReadableText();
            Assert.Fail($"”{buttonText}” på {url} gav {(int)response.StatusCode}, inte en omdirigering. {errors}");
        }
        return LocationPath(response)!;
    }

    /// <summary>The path a redirect leads to.</summary>
    public static string? LocationPath(HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location)).AbsolutePath
            : null;

    /// <summary>The controls a browser submits: named, enabled, checked or selected.</summary>
    public static List<KeyValuePair<string, string>> Controls(IEnumerable<IElement> elements)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element.HasAttribute("disabled")) continue;
            switch (element)
            {
                case IHtmlInputElement input:
                    var type = input.Type.ToLowerInvariant();
                    if (type is "submit" or "button" or "image" or "reset" or "file") continue;
                    if (type is "checkbox" or "radio" && !input.IsChecked) continue;
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    var chosen = select.Options.Where(o => o.IsSelected).ToList();
                    if (chosen.Count == 0 && !select.IsMultiple && select.Options.Length > 0) chosen = [select.Options[0]];
                    fields.AddRange(chosen.Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlTextAreaElement textArea:
                    fields.Add(new(name, textArea.Value));
                    break;
            }
        }
        return fields;
    }
}
