using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProjectRegistry.Tests.TestSupport;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.OpenData;
using ProjectRegistry.Web.Pages.Admin.Import;

namespace ProjectRegistry.Tests.Editing;

/// <summary>
/// The field table (<see cref="ProjectFields"/>) is the one place a project's field is declared. These fail, naming the
/// field, when a property of the form has no row, or when a row is left out of what is built from it or beside it: the
/// check for changes (a save of only that field would be "Inga ändringar att spara" and thrown away), the history, a
/// revision's restore, the import's columns, the export's columns and the project itself.
/// </summary>
[Collection(SeededApp.Name)]
public class ProjectFieldsTests(RegistryAppFactory app)
{
    /// <summary>Every name a revision has stored a text under (formats 1 and 2): an old revision must keep restoring them.</summary>
    private static readonly string[] StoredTextNames =
    [
        "Title", "Slug", "ShortName", "Status", "StatusDate", "SteeringGroup", "Purpose", "Goal", "SubGoals", "TargetGroups",
        "Description", "Start", "End", "BudgetAmount", "BudgetCurrency", "FinancingNote", "Municipalities", "Places", "ResultsText",
    ];

    /// <summary>A distinct value for each text, of the kind its rule takes.</summary>
    private static string Marker(ProjectText text) => $"v{Math.Abs(text.Name.GetHashCode(StringComparison.Ordinal)) % 100_000}";

    [Fact]
    public void Every_property_of_the_form_has_one_row_and_every_row_names_real_properties()
    {
        var properties = typeof(ProjectInput).GetProperties().Where(p => p.CanWrite).Select(p => p.Name)
            .Except([nameof(ProjectInput.Version), nameof(ProjectInput.BaseRevision)]).ToList();
        var covered = ProjectFields.All.SelectMany(f => f.Inputs).ToList();

        Assert.True(properties.Except(covered).ToList() is [], $"ProjectInput har egenskaper utan rad i ProjectFields: {string.Join(", ", properties.Except(covered))}");
        Assert.True(covered.Except(properties).ToList() is [], $"ProjectFields nämner egenskaper som ProjectInput inte har: {string.Join(", ", covered.Except(properties))}");
        Assert.True(covered.Distinct().Count() == covered.Count, "En egenskap hör till två rader i ProjectFields.");
        Assert.Equal(ProjectFields.All.Count, ProjectFields.All.Select(f => f.Key).Distinct().Count());
        Assert.Equal(ProjectFields.All.Count, ProjectFields.All.Select(f => f.Label).Distinct().Count());
        foreach (var text in ProjectFields.AllTexts)
            Assert.True(typeof(ProjectInput).GetProperty(text.Name)?.PropertyType == typeof(string), $"{text.Name} är ingen text i ProjectInput.");
    }

    [Fact]
    public void A_change_to_any_one_field_is_a_change_the_merge_sees_and_copies()
    {
        foreach (var field in ProjectFields.All)
        {
            var before = new ProjectInput();
            var after = Changed(field);
            Assert.True(field.Read(before) != field.Read(after), $"{field.Key}: en ändring syns inte i fältets värde (Read).");
            foreach (var other in ProjectFields.All.Where(f => f != field))
                Assert.True(other.Read(before) == other.Read(after), $"Att ändra {field.Key} ändrar också {other.Key}.");

            var copy = new ProjectInput();
            field.Copy(copy, after);
            Assert.True(field.Read(copy) == field.Read(after), $"{field.Key}: Copy tar inte med fältet.");
        }
    }

    [Fact]
    public void Every_text_comes_back_from_a_revision_under_the_names_revisions_have_always_used()
    {
        Assert.True(StoredTextNames.Except(ProjectFields.AllTexts.Select(t => t.Name)).ToList() is [],
            $"En text som gamla versioner sparat finns inte längre: {string.Join(", ", StoredTextNames.Except(ProjectFields.AllTexts.Select(t => t.Name)))}. Byt inte namn på den; lägg en ny Format och läs om.");
        var input = new ProjectInput();
        foreach (var text in ProjectFields.AllTexts) text.Set(input, Marker(text));

        var json = ProjectSnapshot.Of(input, isPublished: true, isDeleted: false).ToJson();
        var form = JsonDocument.Parse(json).RootElement.GetProperty("Form");
        var restored = ProjectSnapshot.Read(json)!.ToInput();

        foreach (var text in ProjectFields.AllTexts)
        {
            Assert.True(form.TryGetProperty(text.Name, out var stored) && stored.GetString() == Marker(text), $"{text.Name} sparas inte i versionen under sitt namn.");
            Assert.True(text.Get(restored) == Marker(text), $"{text.Name} kommer inte tillbaka när versionen återställs.");
        }
    }

    [Fact]
    public void A_revision_in_the_first_format_restores_its_texts()
    {
        var form = string.Join(",", StoredTextNames.Select(n => $"\"{n}\":\"{n.ToLowerInvariant()}\""));
        var restored = ProjectSnapshot.Read($$"""{"Form":{"Version":3,"PublisherId":7,{{form}},"Partners":[]},"IsPublished":true}""")!.ToInput();

        Assert.Equal(3, restored.Version);
        Assert.Equal(7, restored.PublisherId);
        foreach (var name in StoredTextNames)
            Assert.Equal(name.ToLowerInvariant(), ProjectFields.AllTexts.Single(t => t.Name == name).Get(restored));
    }

    [Fact]
    public void Every_field_has_its_column_in_the_export_and_every_exported_text_comes_back_in_an_import()
    {
        var columns = DownloadColumns.All.Select(c => c.Name).ToList();
        foreach (var field in ProjectFields.All.Where(f => f.InHistory))
        {
            Assert.True(field.ExportColumn is not null, $"{field.Key} har ingen kolumn i exporten (ExportColumn).");
            Assert.True(columns.Contains(field.ExportColumn), $"{field.Key}: kolumnen ”{field.ExportColumn}” finns inte i DownloadColumns.");
        }
        foreach (var field in ProjectFields.All.Where(f => f.Stored is not null))
        {
            var import = ImportFields.Guess([field.ExportColumn!], remembered: null).Single();
            Assert.True(import is not null && ImportFields.Find(import)!.InputKeys.Contains(field.Inputs[0]),
                $"Kolumnen ”{field.ExportColumn}” i exporten läses inte tillbaka till {field.Key} av importen.");
        }
    }

    [Fact]
    public void Every_field_has_its_name_in_a_seed_data_file()
    {
        foreach (var field in ProjectFields.All)
            Assert.True(field.SeedName is { Length: > 0 }, $"{field.Key} har inget namn i seed-data-filerna (SeedName).");
    }

    [Fact]
    public async Task Every_text_the_form_copies_as_it_is_reaches_the_project_and_the_history_and_comes_back_to_the_form()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var lookups = await ProjectLookups.LoadAllAsync(db);
        var seeded = await db.Projects.AsNoTracking().OrderBy(p => p.Id).FirstAsync();
        var before = new ProjectInput { PublisherId = seeded.PublisherId, Title = "Före", Status = ProjectStatus.Ongoing.Slug() };

        foreach (var field in ProjectFields.All.Where(f => f.Stored is not null))
        {
            var text = field.Texts[0];
            var after = new ProjectInput { PublisherId = before.PublisherId, Title = before.Title, Status = before.Status };
            text.Set(after, Marker(text));

            var changes = ProjectInput.Compare(before, after, lookups);
            Assert.True(changes.Any(c => c.Field == field.Label && c.After == Marker(text)), $"{field.Key}: historiken visar inte ändringen.");

            var project = new Project { Title = "Före", Slug = "fore" };
            field.Stored!.Write(project, Marker(text));
            Assert.True(field.Stored.Read(project) == Marker(text), $"{field.Key}: projektet behåller inte texten.");
        }
    }

    private static ProjectInput Changed(ProjectField field)
    {
        var input = new ProjectInput();
        if (field.Texts.Count > 0)
        {
            foreach (var text in field.Texts) text.Set(input, Marker(text));
            return input;
        }
        // The other kinds: a value of their own type, through the property the row covers.
        var property = typeof(ProjectInput).GetProperty(field.Inputs[0])!;
        object value = property.PropertyType switch
        {
            var t when t == typeof(int) => 42,
            var t when t == typeof(int?) => 42,
            var t when t == typeof(List<int>) => new List<int> { 42 },
            var t when t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>) => NewList(t),
            var t => throw new InvalidOperationException($"{field.Key}: okänd typ {t}."),
        };
        property.SetValue(input, value);
        return input;
    }

    private static object NewList(Type listType)
    {
        var list = (System.Collections.IList)Activator.CreateInstance(listType)!;
        list.Add(Activator.CreateInstance(listType.GetGenericArguments()[0]));
        return list;
    }
}

/// <summary>
/// The other end of the field table: each text the form keeps as it is can be typed in the form, and the saved text is
/// on the project's public page, in its open-data record and in the CSV. A field left out of the form, the page or the
/// open data fails here, naming it.
/// </summary>
public class ProjectFieldsEndToEndTests : IAsyncLifetime
{
    private readonly RegistryAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_text_typed_in_the_form_is_on_the_public_page_in_the_api_and_in_the_csv()
    {
        var admin = await _app.SignedInAsAsync(Roles.Admin);
        var texts = ProjectFields.All.Where(f => f.Stored is not null).Select(f => f.Texts[0]).ToList();
        string Marker(ProjectText text) => $"Markör{text.Name}X{text.Name.Length}";

        var form = await FormPage.OpenAsync(admin, "/admin/projekt/ny");
        foreach (var text in texts)
        {
            Assert.True(form.Value($"Input.{text.Name}") is not null, $"Projektformuläret har inget fält för {text.Name} (Input.{text.Name}).");
            form.Type($"Input.{text.Name}", Marker(text));
        }
        form.Choose("Input.Status", "Pågående");
        var saved = await form.SaveAsync("Spara och publicera");
        Assert.Matches("^/admin/projekt/[0-9]+$", saved);

        using var scope = _app.Services.CreateScope();
        var title = Marker(texts[0]);
        var slug = (await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Projects.AsNoTracking().SingleAsync(p => p.Title == title)).Slug;
        var page = (await admin.GetPageAsync($"/projekt/{slug}")).QuerySelector("main")!.ReadableText();
        var api = await admin.GetStringAsync(new Uri($"/api/v1/projects/{slug}", UriKind.Relative));
        var csv = await admin.GetStringAsync(new Uri($"/projekt.csv?q={Uri.EscapeDataString(Marker(texts[0]))}", UriKind.Relative));
        foreach (var text in texts)
        {
            Assert.True(page.Contains(Marker(text), StringComparison.Ordinal), $"{text.Name} syns inte på projektets sida /projekt/{slug}.");
            Assert.True(api.Contains(Marker(text), StringComparison.Ordinal), $"{text.Name} finns inte i API:ets post för projektet.");
            Assert.True(csv.Contains(Marker(text), StringComparison.Ordinal), $"{text.Name} finns inte i /projekt.csv.");
        }
    }
}
