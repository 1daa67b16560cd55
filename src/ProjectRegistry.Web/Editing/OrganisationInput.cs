using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Editing;

/// <summary>What the registry knows that an organisation's rules check against: the municipalities, every organisation's address and municipality, and how many projects the one being changed publishes.</summary>
public sealed record OrganisationLookups(IReadOnlyList<Municipality> Municipalities, List<OrganisationLookups.Held> Organisations, int PublishedProjects)
{
    /// <summary>An organisation as another one's rules see it: its address name and municipality are taken.</summary>
    public sealed record Held(int Id, string Slug, string Name, string? MunicipalityCode);

    /// <summary>The municipalities tracked: a checked area is added to the organisation as they are.</summary>
    public static async Task<OrganisationLookups> LoadAsync(RegistryDbContext db, int? organisationId, CancellationToken ct = default) => new(
        await db.Municipalities.ToListAsync(ct),
        await db.Organisations.AsNoTracking().Select(o => new Held(o.Id, o.Slug, o.Name, o.MunicipalityCode)).ToListAsync(ct),
        organisationId is { } id ? await db.Projects.IgnoreQueryFilters().CountAsync(p => p.PublisherId == id, ct) : 0);

    /// <summary>"region-norrbotten-2" when "region-norrbotten" is taken.</summary>
    public string FreeSlug(string slug) => OrganisationRules.FreeSlug(slug, Organisations.Select(o => o.Slug));
}

/// <summary>
/// One home for an organisation's rules, as <see cref="ProjectInput"/> is for a project's: the admin form binds it, and
/// the seed importer fills it from organisations.yaml, so that a file may say what the form accepts and nothing else.
/// Text, not int/DateOnly/enum: a wrong value then gets a Swedish message from these rules instead of the model
/// binder's English one.
/// </summary>
public sealed class OrganisationInput
{
    [Display(Name = "Namn")]
    [Required(ErrorMessage = "Skriv organisationens namn.")]
    public string? Name { get; set; }

    [Display(Name = "Adressnamn")]
    public string? Slug { get; set; }

    [Display(Name = "Typ av organisation")]
    public string? Kind { get; set; }

    [Display(Name = "Kommunkod")]
    public string? MunicipalityCode { get; set; }

    [Display(Name = "Land")]
    public string? Country { get; set; }

    [Display(Name = "Beskrivning")]
    public string? Description { get; set; }

    [Display(Name = "Webbplats")]
    public string? WebsiteUrl { get; set; }

    [Display(Name = "E-post för synpunkter")]
    public string? ContactEmail { get; set; }

    [Display(Name = "Publicerar en projektlista")]
    public bool IsPublisher { get; set; }

    [Display(Name = "Listans rubrik")]
    public string? ListTitle { get; set; }

    [Display(Name = "Inledning till listan")]
    public string? ListIntro { get; set; }

    [Display(Name = "Enhet som för listan")]
    public string? PublisherUnit { get; set; }

    [Display(Name = "Källsidan uppdaterades senast")]
    public string? SourceUpdatedOn { get; set; }

    [Display(Name = "Kommuner i området")]
    public string? AreaMunicipalities { get; set; }

    /// <summary>Slugs of the statuses the public sees; the others become HiddenStatuses.</summary>
    [Display(Name = "Projekt som allmänheten ser")]
    public List<string>? ShownStatuses { get; set; }

    [Display(Name = "Månader som kontaktpersoner visas efter avslut")]
    public string? ContactRetentionMonths { get; set; }

    [Display(Name = "Timpris för ideell tid (kronor per timme)")]
    public string? VolunteerHourRate { get; set; }

    [Display(Name = "Accentfärg i inbäddningar")]
    public string? AccentColor { get; set; }

    /// <summary>One origin per line.</summary>
    [Display(Name = "Webbplatser som får bädda in listan")]
    public string? EmbedOrigins { get; set; }

    /// <summary>The area as <see cref="Validate"/> read the field (only a publisher has one); null before, or when a text was too long.</summary>
    [BindNever]
    public List<Municipality>? ResolvedArea { get; private set; }

    /// <summary>The form's fields in page order, so that the error summary lists them as the reader meets them.</summary>
    public static readonly IReadOnlyList<string> FieldOrder =
    [
        nameof(Name), nameof(Slug), nameof(Kind), nameof(MunicipalityCode),
        nameof(Country), nameof(Description), nameof(WebsiteUrl), nameof(ContactEmail), nameof(IsPublisher),
        nameof(ListTitle), nameof(ListIntro), nameof(PublisherUnit), nameof(SourceUpdatedOn),
        nameof(AreaMunicipalities), nameof(ShownStatuses), nameof(ContactRetentionMonths),
        nameof(VolunteerHourRate), nameof(AccentColor), nameof(EmbedOrigins),
    ];

    /// <summary>A new organisation's form: every status shown.</summary>
    public static OrganisationInput New() => new() { ShownStatuses = ProjectStatuses.All.Select(s => s.Slug).ToList() };

    public static OrganisationInput FromOrganisation(Organisation o) => new()
    {
        Name = o.Name,
        Slug = o.Slug,
        Kind = OrganisationKinds.All.First(k => k.Kind == o.Kind).Code,
        MunicipalityCode = o.MunicipalityCode,
        Country = o.Country,
        Description = o.Description,
        WebsiteUrl = o.WebsiteUrl,
        ContactEmail = o.ContactEmail,
        IsPublisher = o.IsPublisher,
        ListTitle = o.ListTitle,
        ListIntro = o.ListIntro,
        PublisherUnit = o.PublisherUnit,
        SourceUpdatedOn = o.SourceUpdatedOn is { } updated ? FieldRules.DayText(updated) : null,
        AreaMunicipalities = AreaText(o),
        ShownStatuses = ProjectStatuses.All.Where(s => !o.HiddenStatuses.Contains(s.Status)).Select(s => s.Slug).ToList(),
        ContactRetentionMonths = o.ContactRetentionMonths?.ToString(CultureInfo.InvariantCulture),
        VolunteerHourRate = RateText(o.VolunteerHourRate),
        AccentColor = o.AccentColor,
        EmbedOrigins = OriginsText(o.EmbedOrigins),
    };

    private static string AreaText(Organisation o) => string.Join(", ", o.AreaMunicipalities.OrderBy(m => m.Name).Select(m => m.Name));

    /// <summary>The origins as the field shows them: one per line.</summary>
    private static string? OriginsText(List<string>? origins) => origins is { Count: > 0 } ? string.Join('\n', origins) : null;

    /// <summary>The rate as the field shows it: kronor, with öre only when there are any.</summary>
    private static string? RateText(Money? rate) => rate?.Amount.ToString(rate.MinorUnits % 100 == 0 ? "0" : "0.00", CultureInfo.GetCultureInfo("sv-SE"));

    /// <summary>The values once checked and converted.</summary>
    public sealed record Checked(
        string Name, string Slug, OrganisationKind Kind, string? MunicipalityCode, string? Country, string? Description,
        string? WebsiteUrl, bool IsPublisher, string? ListTitle, string? ListIntro, string? PublisherUnit, DateOnly? SourceUpdatedOn,
        List<Municipality> Area, List<ProjectStatus> Hidden, int? RetentionMonths, Money? VolunteerHourRate,
        string? ContactEmail, string? AccentColor, List<string> EmbedOrigins);

    /// <summary>Cleans every text field and puts a message on those that break their rule.</summary>
    private bool CleanAndCheckTexts(Action<string, string> error)
    {
        var ok = true;
        string? Check(string field, TextRule rule, string? value)
        {
            var cleaned = rule.Clean(value);
            if (rule.Problem(cleaned) is { } problem) { error(field, problem); ok = false; }
            return cleaned;
        }
        Name = Check(nameof(Name), OrganisationTexts.Name, Name);
        Slug = Check(nameof(Slug), OrganisationTexts.Slug, Slug);
        Kind = Check(nameof(Kind), OrganisationTexts.Code, Kind);
        MunicipalityCode = Check(nameof(MunicipalityCode), OrganisationTexts.Code, MunicipalityCode);
        Country = Check(nameof(Country), OrganisationTexts.Country, Country);
        Description = Check(nameof(Description), OrganisationTexts.Description, Description);
        WebsiteUrl = Check(nameof(WebsiteUrl), OrganisationTexts.WebsiteUrl, WebsiteUrl);
        ListTitle = Check(nameof(ListTitle), OrganisationTexts.ListTitle, ListTitle);
        ListIntro = Check(nameof(ListIntro), OrganisationTexts.ListIntro, ListIntro);
        PublisherUnit = Check(nameof(PublisherUnit), OrganisationTexts.PublisherUnit, PublisherUnit);
        SourceUpdatedOn = Check(nameof(SourceUpdatedOn), OrganisationTexts.Code, SourceUpdatedOn);
        AreaMunicipalities = Check(nameof(AreaMunicipalities), OrganisationTexts.AreaMunicipalities, AreaMunicipalities);
        ContactRetentionMonths = Check(nameof(ContactRetentionMonths), OrganisationTexts.Code, ContactRetentionMonths);
        VolunteerHourRate = Check(nameof(VolunteerHourRate), OrganisationTexts.Code, VolunteerHourRate);
        AccentColor = Check(nameof(AccentColor), OrganisationTexts.Code, AccentColor);
        EmbedOrigins = Check(nameof(EmbedOrigins), OrganisationTexts.EmbedOrigins, EmbedOrigins);
        return ok;
    }

    /// <summary>
    /// Checks and cleans the fields, putting a Swedish message on each field key ("{prefix}.Name") that breaks a rule;
    /// null when anything is wrong. <paramref name="existing"/> is the saved organisation being changed (null for a new one).
    /// </summary>
    public Checked? Validate(ModelStateDictionary errors, OrganisationLookups lookups, Organisation? existing, string prefix = "Input")
    {
        void Error(string field, string message) => errors.AddModelError(prefix.Length == 0 ? field : $"{prefix}.{field}", message);
        bool Valid() => errors.IsValid;

        // A field that is too long is not also checked further: its message would quote all of it.
        if (!CleanAndCheckTexts(Error)) return null;
        var name = Clean(Name) ?? "";
        if (name.Length == 0 && Valid()) Error(nameof(Name), "Skriv organisationens namn.");
        bool Other(OrganisationLookups.Held o) => existing is null || o.Id != existing.Id;

        // Address name: typed, or made from the name; only a–z, 0–9 and hyphens, and unique.
        var typedSlug = Clean(Slug)?.ToLowerInvariant();
        var slug = typedSlug ?? Slugs.From(name);
        if (typedSlug is not null && !Slugs.IsValid(typedSlug))
            Error(nameof(Slug), $"Adressnamnet får bara innehålla a–z, 0–9 och bindestreck (inte å, ä, ö eller mellanslag) och vara högst {Slugs.MaxLength} tecken.");
        else if (typedSlug is null && slug.Length == 0 && name.Length > 0)
            Error(nameof(Slug), "Det gick inte att bilda ett adressnamn av namnet. Skriv ett själv, med a–z, 0–9 och bindestreck.");
        else if (slug.Length > 0 && lookups.Organisations.FirstOrDefault(o => o.Slug == slug && Other(o)) is { } holder)
        {
            var free = lookups.FreeSlug(slug);
            Error(nameof(Slug), typedSlug is null
                ? $"Adressnamnet ”{slug}”, som bildas av namnet, används redan av {holder.Name}. Skriv ett eget adressnamn, till exempel ”{free}”."
                : $"Adressnamnet ”{slug}” används redan av {holder.Name}. Välj ett annat, till exempel ”{free}”.");
        }

        var kind = OrganisationKinds.All.FirstOrDefault(k => k.Code == Kind)?.Kind;
        if (kind is null) Error(nameof(Kind), "Välj vilken typ av organisation det är.");

        var code = Clean(MunicipalityCode);
        if (kind == OrganisationKind.Municipality)
        {
            if (code is null)
                Error(nameof(MunicipalityCode), "En kommun måste ha sin kommunkod: fyra siffror, till exempel 2418 för Malå.");
            else if (!Municipality.IsValidCode(code))
                Error(nameof(MunicipalityCode), $"”{code}” är ingen kommunkod. Kommunkoden är fyra siffror, till exempel 2418 för Malå.");
            else if (lookups.Municipalities.All(m => m.Code != code))
                Error(nameof(MunicipalityCode), $"Det finns ingen kommun med kommunkoden {code}.");
            else if (lookups.Organisations.FirstOrDefault(o => o.MunicipalityCode == code && Other(o)) is { } other)
                Error(nameof(MunicipalityCode), $"Kommunkoden {code} hör redan till {other.Name}. En kommun ska bara finnas en gång i registret.");
        }
        else if (code is not null && kind is not null)
        {
            Error(nameof(MunicipalityCode), "Kommunkod anges bara för organisationer av typen Kommun. Töm fältet eller välj typen Kommun.");
        }

        var website = Clean(WebsiteUrl);
        if (FieldRules.WebAddressProblem(website) is { } urlProblem) Error(nameof(WebsiteUrl), urlProblem);
        var contactEmail = Clean(ContactEmail);
        if (contactEmail is not null && (contactEmail.Length > 254 || !EmailAddress.IsValid(contactEmail)))
            Error(nameof(ContactEmail), $"”{contactEmail}” är ingen giltig e-postadress. Den ska se ut som info@leaderpolaris.se, eller lämnas tom.");

        var listTitle = Clean(ListTitle);
        if (IsPublisher && listTitle is null)
            Error(nameof(ListTitle), "Skriv rubriken på projektlistan, till exempel ”Beviljade projekt”. Den behövs när organisationen publicerar en lista.");
        if (!IsPublisher && existing is not null && lookups.PublishedProjects is > 0 and var published)
            Error(nameof(IsPublisher), $"{existing.Name} publicerar {published} projekt och måste ha kvar sin projektlista. Flytta projekten till en annan publicerare först.");

        // Typed into the list's fields without ticking the box: ask, rather than throw the text away. Values that
        // were already saved are not "typed": unticking an existing list clears them, as the hint says.
        if (!IsPublisher && PublisherFieldsTyped(existing))
            Error(nameof(IsPublisher), "Du har fyllt i uppgifter om en projektlista men inte kryssat i ”Publicerar en projektlista”. Kryssa i rutan, eller töm fälten om organisationen inte har någon lista.");

        if (FieldRules.Day(SourceUpdatedOn, out var sourceUpdated) is { } dayProblem) Error(nameof(SourceUpdatedOn), dayProblem);

        var (area, unknown) = FieldRules.Municipalities(IsPublisher ? AreaMunicipalities : null, lookups.Municipalities);
        ResolvedArea = area;
        if (unknown.Count > 0)
            Error(nameof(AreaMunicipalities), FieldRules.UnknownMunicipalities(unknown, lookups.Municipalities));

        var shown = (ShownStatuses ?? []).Select(s => ProjectStatuses.TryParseSlug(s, out var status) ? status : (ProjectStatus?)null)
            .OfType<ProjectStatus>().ToHashSet();
        if (IsPublisher && shown.Count == 0)
            Error(nameof(ShownStatuses), "Kryssa i minst en status. Ska inga projekt synas alls, avpublicera dem i stället.");

        int? retention = null;
        if (IsPublisher && Clean(ContactRetentionMonths) is { } monthsText)
        {
            if (int.TryParse(monthsText, NumberStyles.None, CultureInfo.InvariantCulture, out var months) && months <= 120) retention = months;
            else Error(nameof(ContactRetentionMonths), "Skriv ett helt antal månader från 0 till 120, eller lämna fältet tomt så visas kontaktpersonerna så länge projektet finns.");
        }

        // Each LAG sets its own value of an hour of volunteer time; the registry counts it in kronor.
        Money? volunteerRate = null;
        if (IsPublisher && FieldRules.Money(VolunteerHourRate, Clean(VolunteerHourRate) is null ? null : "SEK", out volunteerRate) is { } rateProblem)
            Error(nameof(VolunteerHourRate), rateProblem.Problem);

        // A publisher's embeds on its own site: its colour, and the sites allowed to frame them (a message per bad line).
        string? accent = null;
        if (IsPublisher && FieldRules.Colour(AccentColor, out accent) is { } colourProblem)
            Error(nameof(AccentColor), colourProblem);
        List<string> origins = [];
        if (IsPublisher)
            foreach (var problem in FieldRules.EmbedOrigins(EmbedOrigins, out origins))
                Error(nameof(EmbedOrigins), problem);

        if (!Valid() || kind is null) return null;
        return new Checked(
            name, slug, kind.Value, kind == OrganisationKind.Municipality ? code : null,
            Clean(Country), Clean(Description), website, IsPublisher,
            listTitle, Clean(ListIntro), Clean(PublisherUnit), sourceUpdated, area,
            ProjectStatuses.All.Select(s => s.Status).Where(s => !shown.Contains(s)).ToList(), retention, volunteerRate, contactEmail,
            accent, origins);
    }


    private bool PublisherFieldsTyped(Organisation? saved)
    {
        (string? Posted, string? Saved)[] fields =
        [
            (ListTitle, saved?.ListTitle),
            (ListIntro, saved?.ListIntro),
            (PublisherUnit, saved?.PublisherUnit),
            (SourceUpdatedOn, saved?.SourceUpdatedOn is { } updated ? FieldRules.DayText(updated) : null),
            (AreaMunicipalities, saved is null ? null : AreaText(saved)),
            (ContactRetentionMonths, saved?.ContactRetentionMonths?.ToString(CultureInfo.InvariantCulture)),
            (VolunteerHourRate, RateText(saved?.VolunteerHourRate)),
            (AccentColor, saved?.AccentColor),
            (EmbedOrigins, OriginsText(saved?.EmbedOrigins)),
        ];
        return fields.Any(f => Clean(f.Posted) is { } posted && posted != Clean(f.Saved));
    }

    /// <summary>Writes the checked values; an admin's save of one an editor added is the review.</summary>
    public static void ApplyTo(Organisation o, Checked input)
    {
        // An admin's save of one an editor added is the review: confirmed as it stands, or corrected.
        o.Review = OrganisationReview.Reviewed;
        o.Name = input.Name;
        o.Slug = input.Slug;
        o.Kind = input.Kind;
        o.MunicipalityCode = input.MunicipalityCode;
        o.Country = input.Country;
        o.Description = input.Description;
        o.WebsiteUrl = input.WebsiteUrl;
        o.ContactEmail = input.ContactEmail;
        o.AreaMunicipalities.Clear();
        if (input.IsPublisher)
        {
            o.ListTitle = input.ListTitle;
            o.ListIntro = input.ListIntro;
            o.PublisherUnit = input.PublisherUnit;
            o.SourceUpdatedOn = input.SourceUpdatedOn;
            o.AreaMunicipalities.AddRange(input.Area);
            o.HiddenStatuses = input.Hidden;
            o.ContactRetentionMonths = input.RetentionMonths;
            o.VolunteerHourRate = input.VolunteerHourRate;
            o.AccentColor = input.AccentColor;
            o.EmbedOrigins = input.EmbedOrigins;
        }
        else
        {
            // Without a list these settings mean nothing; keeping them would leave invisible state behind.
            o.ListTitle = o.ListIntro = o.PublisherUnit = null;
            o.SourceUpdatedOn = null;
            o.HiddenStatuses = [];
            o.ContactRetentionMonths = null;
            o.VolunteerHourRate = null;
            o.AccentColor = null;
            o.EmbedOrigins = [];
        }
    }

    private static string? Clean(string? text) => FieldRules.Clean(text);
}
