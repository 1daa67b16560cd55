using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Editing;

/// <summary>The bound and kind of every text of an organisation and its strategy, for its forms and the importer alike.</summary>
public static class OrganisationTexts
{
    public static readonly TextRule Name = new("Namnet", 300);
    public static readonly TextRule Country = new("Landet", 100);
    public static readonly TextRule Description = new("Beskrivningen", 4_000, MultiLine: true);
    public static readonly TextRule WebsiteUrl = new("Webbadressen", 500);
    public static readonly TextRule ListTitle = new("Rubriken", 200);
    public static readonly TextRule ListIntro = new("Inledningen", 4_000, MultiLine: true);
    public static readonly TextRule PublisherUnit = new("Enheten", 200);
    public static readonly TextRule AreaMunicipalities = new("Kommunlistan", 5_000, MultiLine: true);
    public static readonly TextRule Code = new("Värdet", 50);
    public static readonly TextRule Slug = new("Adressnamnet", 200);
    /// <summary>The websites that may frame a publisher's embeds, one per line (at most FieldRules.MaxEmbedOrigins).</summary>
    public static readonly TextRule EmbedOrigins = new("Listan över webbplatser", 4_000, MultiLine: true);

    /// <summary>A goal area's or direction goal's name.</summary>
    public static readonly TextRule GoalName = new("Namnet", 300);

    public static readonly TextRule IndicatorName = new("Namnet", 300);
    public static readonly TextRule IndicatorUnit = new("Enheten", 100);
    public static readonly TextRule IndicatorDescription = new("Beskrivningen", 2_000, MultiLine: true);
    public static readonly TextRule IndicatorValue = new("Värdet", 30);
}

/// <summary>The bounds of a site page's texts, for its form and the importer alike.</summary>
public static class SitePageTexts
{
    public static readonly TextRule Title = new("Rubriken", 200);
    public static readonly TextRule Markdown = new("Texten", 50_000, MultiLine: true, Markdown: true);
}

/// <summary>The bounds of an uploaded file's texts (ProjectFile), for the files page and an import alike.</summary>
public static class FileTexts
{
    public static readonly TextRule Title = new("Titeln", 300);
    public static readonly TextRule AltText = new("Alternativtexten", 500);
    public static readonly TextRule Credit = new("Fotograf eller källa", 200);
    public static readonly TextRule Licence = new("Licensen", 200);
}
