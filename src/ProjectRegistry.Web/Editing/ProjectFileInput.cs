using Microsoft.AspNetCore.Mvc.ModelBinding;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Editing;

/// <summary>The texts of an uploaded file, as the files page binds them: checked and cleaned here, once.</summary>
public sealed class ProjectFileInput
{
    public string? Title { get; set; }
    public string? AltText { get; set; }
    public string? Credit { get; set; }
    public string? Licence { get; set; }

    /// <summary>Cleans the texts in place and adds each problem under <paramref name="prefix"/>; true when they can be saved.</summary>
    public bool Validate(ModelStateDictionary state, string prefix, bool isImage)
    {
        Title = FileTexts.Title.Clean(Title);
        AltText = FileTexts.AltText.Clean(AltText);
        Credit = FileTexts.Credit.Clean(Credit);
        Licence = FileTexts.Licence.Clean(Licence);
        var ok = true;
        void Add(string field, string message) { state.AddModelError($"{prefix}.{field}", message); ok = false; }
        if (Title is null) Add(nameof(Title), "Skriv en titel, till exempel ”Slutrapport 2024”.");
        if (isImage && AltText is null)
            Add(nameof(AltText), "Skriv en alternativtext: vad bilden visar, för den som inte ser den.");
        foreach (var (field, rule, value) in new[] { (nameof(Title), FileTexts.Title, Title), (nameof(AltText), FileTexts.AltText, AltText), (nameof(Credit), FileTexts.Credit, Credit), (nameof(Licence), FileTexts.Licence, Licence) })
            if (rule.Problem(value) is { } problem) Add(field, problem);
        return ok;
    }

    public void ApplyTo(ProjectFile file)
    {
        file.Title = Title!;
        file.AltText = file.IsImage ? AltText : null;
        file.Credit = Credit;
        file.Licence = Licence;
    }

    public static ProjectFileInput From(ProjectFile f) => new() { Title = f.Title, AltText = f.AltText, Credit = f.Credit, Licence = f.Licence };

    /// <summary>What an edit changed, for the revision: "Fil ”Karta”: titel" and so on.</summary>
    public static IEnumerable<FieldChange> Compare(ProjectFile before, ProjectFileInput after)
    {
        var name = $"Fil ”{before.Title}”";
        if (before.Title != after.Title) yield return new($"{name}: titel", before.Title, after.Title);
        if (before.IsImage && before.AltText != after.AltText) yield return new($"{name}: alternativtext", before.AltText, after.AltText);
        if (before.Credit != after.Credit) yield return new($"{name}: fotograf eller källa", before.Credit, after.Credit);
        if (before.Licence != after.Licence) yield return new($"{name}: licens", before.Licence, after.Licence);
    }
}
