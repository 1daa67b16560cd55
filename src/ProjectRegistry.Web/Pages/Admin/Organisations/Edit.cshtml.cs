using System.Security.Claims;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Infrastructure;

namespace ProjectRegistry.Web.Pages.Admin.Organisations;

/// <summary>One page for a new organisation (/admin/organisationer/ny) and for changing or deleting one.</summary>
public class EditModel(RegistryDbContext db, ILogger<EditModel> logger) : PageModel
{
    /// <summary>The line the admin layout shows after the redirect (post/redirect/get).</summary>
    [TempData]
    public string? Status { get; set; }

    public const string NewId = "ny";
    private const int MaxSlugLength = Slugs.MaxLength;

    /// <summary>"ny" or the organisation's id; the route allows nothing else.</summary>
    public string RouteId => RouteData.Values["id"] as string ?? "";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool IsNew => RouteId == NewId;
    public int? OrganisationId => int.TryParse(RouteId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The saved name and address (the heading and links keep them while the form has unsaved changes).</summary>
    public string SavedName { get; private set; } = "";
    public string SavedSlug { get; private set; } = "";

    /// <summary>The area as the registry understood it: saved, or resolved from what was just typed.</summary>
    public List<AreaMunicipality> AreaPreview { get; private set; } = [];
    public Usage? Uses { get; private set; }
    public int GoalAreaCount { get; private set; }

    /// <summary>Why the organisation could not be deleted, after a refused delete.</summary>
    public string? DeleteRefused { get; private set; }

    /// <summary>The form's fields in page order, so that the error summary lists them as the reader meets them.</summary>
    public static readonly IReadOnlyList<string> FieldOrder =
    [
        nameof(InputModel.Name), nameof(InputModel.Slug), nameof(InputModel.Kind), nameof(InputModel.MunicipalityCode),
        nameof(InputModel.Country), nameof(InputModel.Description), nameof(InputModel.WebsiteUrl), nameof(InputModel.ContactEmail), nameof(InputModel.IsPublisher),
        nameof(InputModel.ListTitle), nameof(InputModel.ListIntro), nameof(InputModel.PublisherUnit), nameof(InputModel.SourceUpdatedOn),
        nameof(InputModel.AreaMunicipalities), nameof(InputModel.ShownStatuses), nameof(InputModel.ContactRetentionMonths),
        nameof(InputModel.VolunteerHourRate), nameof(InputModel.AccentColor), nameof(InputModel.EmbedOrigins),
    ];

    public sealed record AreaMunicipality(string Code, string Name);


    /// <summary>Cleans every text field of the form and puts a message on those that break their rule.</summary>
    private bool CleanAndCheckTexts()
    {
        var ok = true;
        string? Check(string field, TextRule rule, string? value)
        {
            var cleaned = rule.Clean(value);
            if (rule.Problem(cleaned) is { } problem) { Error(field, problem); ok = false; }
            return cleaned;
        }
        Input.Name = Check(nameof(InputModel.Name), OrganisationTexts.Name, Input.Name);
        Input.Slug = Check(nameof(InputModel.Slug), OrganisationTexts.Slug, Input.Slug);
        Input.Kind = Check(nameof(InputModel.Kind), OrganisationTexts.Code, Input.Kind);
        Input.MunicipalityCode = Check(nameof(InputModel.MunicipalityCode), OrganisationTexts.Code, Input.MunicipalityCode);
        Input.Country = Check(nameof(InputModel.Country), OrganisationTexts.Country, Input.Country);
        Input.Description = Check(nameof(InputModel.Description), OrganisationTexts.Description, Input.Description);
        Input.WebsiteUrl = Check(nameof(InputModel.WebsiteUrl), OrganisationTexts.WebsiteUrl, Input.WebsiteUrl);
        Input.ListTitle = Check(nameof(InputModel.ListTitle), OrganisationTexts.ListTitle, Input.ListTitle);
        Input.ListIntro = Check(nameof(InputModel.ListIntro), OrganisationTexts.ListIntro, Input.ListIntro);
        Input.PublisherUnit = Check(nameof(InputModel.PublisherUnit), OrganisationTexts.PublisherUnit, Input.PublisherUnit);
        Input.SourceUpdatedOn = Check(nameof(InputModel.SourceUpdatedOn), OrganisationTexts.Code, Input.SourceUpdatedOn);
        Input.AreaMunicipalities = Check(nameof(InputModel.AreaMunicipalities), OrganisationTexts.AreaMunicipalities, Input.AreaMunicipalities);
        Input.ContactRetentionMonths = Check(nameof(InputModel.ContactRetentionMonths), OrganisationTexts.Code, Input.ContactRetentionMonths);
        Input.VolunteerHourRate = Check(nameof(InputModel.VolunteerHourRate), OrganisationTexts.Code, Input.VolunteerHourRate);
        Input.AccentColor = Check(nameof(InputModel.AccentColor), OrganisationTexts.Code, Input.AccentColor);
        Input.EmbedOrigins = Check(nameof(InputModel.EmbedOrigins), OrganisationTexts.EmbedOrigins, Input.EmbedOrigins);
        return ok;
    }

    /// <summary>What refers to the organisation; any of it stops a delete.</summary>
    public sealed record Usage(int Publishes, int Owns, int PartnerIn, int Finances, int InBin, List<string> StaffEmails)
    {
        public bool Any => Publishes + Owns + PartnerIn + Finances > 0 || StaffEmails.Count > 0;

        public IEnumerable<string> Describe()
        {
            if (Publishes > 0) yield return $"publicerar {Publishes} projekt";
            if (Owns > 0) yield return $"är projektägare för {Owns} projekt";
            if (PartnerIn > 0) yield return $"genomför {PartnerIn} projekt som partner";
            if (Finances > 0) yield return $"finansierar {Finances} projekt";
            if (StaffEmails.Count > 0)
                yield return $"{(StaffEmails.Count == 1 ? "ett personalkonto redigerar" : $"{StaffEmails.Count} personalkonton redigerar")} dess projekt ({string.Join(", ", StaffEmails)})";
        }
    }

    // Text, not int/DateOnly/enum: a wrong value then gets a Swedish message from this page instead of the
    // model binder's English one.
    public sealed class InputModel
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
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (IsNew)
        {
            Input = new InputModel { ShownStatuses = ProjectStatuses.All.Select(s => s.Slug).ToList() };
            return Page();
        }
        var organisation = await LoadAsync(tracking: false, ct);
        if (organisation is null) return NotFound();
        Input = ToInput(organisation);
        await LoadPageDataAsync(organisation, areaFromForm: false, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        Organisation? organisation = null;
        if (!IsNew)
        {
            organisation = await LoadAsync(tracking: true, ct);
            if (organisation is null) return NotFound();
        }

        var municipalities = await db.Municipalities.ToListAsync(ct);
        var checkedInput = await ValidateAsync(organisation, municipalities, ct);
        if (!ModelState.IsValid || checkedInput is null)
        {
            if (organisation is not null) await LoadPageDataAsync(organisation, areaFromForm: true, ct);
            return Page();
        }

        organisation ??= db.Organisations.Add(new Organisation { Slug = checkedInput.Slug, Name = checkedInput.Name }).Entity;
        Apply(organisation, checkedInput);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Organisation {OrganisationId} ({Slug}) {Action} av användare {UserId}",
            organisation.Id, organisation.Slug, IsNew ? "skapad" : "ändrad", User.FindFirstValue(ClaimTypes.NameIdentifier));

        Status = IsNew ? $"{organisation.Name} har lagts till." : $"Ändringarna i {organisation.Name} är sparade.";
        return Redirect($"/admin/organisationer/{organisation.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        if (IsNew) return NotFound();
        var organisation = await LoadAsync(tracking: true, ct);
        if (organisation is null) return NotFound();

        var uses = await UsageAsync(organisation.Id, ct);
        if (uses.Any)
        {
            // The form is not what was posted: show the saved organisation with the reason beside the button.
            ModelState.Clear();
            Input = ToInput(organisation);
            await LoadPageDataAsync(organisation, areaFromForm: false, ct);
            DeleteRefused = $"{organisation.Name} kan inte tas bort eftersom den används: {string.Join("; ", uses.Describe())}."
                + (uses.InBin > 0 ? $" {uses.InBin} av projekten ligger i papperskorgen och räknas också." : "");
            return Page();
        }

        db.Organisations.Remove(organisation);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Organisation {OrganisationId} ({Slug}) borttagen av användare {UserId}",
            organisation.Id, organisation.Slug, User.FindFirstValue(ClaimTypes.NameIdentifier));
        Status = $"{organisation.Name} har tagits bort.";
        return Redirect("/admin/organisationer");
    }

    private async Task<Organisation?> LoadAsync(bool tracking, CancellationToken ct)
    {
        if (OrganisationId is not { } id) return null;
        var query = db.Organisations.Include(o => o.AreaMunicipalities).AsQueryable();
        if (!tracking) query = query.AsNoTracking();
        return await query.FirstOrDefaultAsync(o => o.Id == id, ct);
    }

    /// <summary>What the page shows beside the form, from the saved organisation (never changed before a save).</summary>
    private async Task LoadPageDataAsync(Organisation organisation, bool areaFromForm, CancellationToken ct)
    {
        SavedName = organisation.Name;
        SavedSlug = organisation.Slug;
        if (!areaFromForm)
            AreaPreview = organisation.AreaMunicipalities.OrderBy(m => m.Name).Select(m => new AreaMunicipality(m.Code, m.Name)).ToList();
        Uses = await UsageAsync(organisation.Id, ct);
        GoalAreaCount = await db.GoalAreas.CountAsync(g => g.OrganisationId == organisation.Id, ct);
    }

    /// <summary>Counts every project, the bin's included: its rows still point at the organisation.</summary>
    private async Task<Usage> UsageAsync(int id, CancellationToken ct)
    {
        var all = db.Projects.IgnoreQueryFilters().AsNoTracking();
        var referring = all.Where(p => p.PublisherId == id || p.OwnerId == id
            || p.Partners.Any(x => x.OrganisationId == id) || p.Financiers.Any(f => f.OrganisationId == id));
        return new Usage(
            Publishes: await all.CountAsync(p => p.PublisherId == id, ct),
            Owns: await all.CountAsync(p => p.OwnerId == id, ct),
            PartnerIn: await all.CountAsync(p => p.Partners.Any(x => x.OrganisationId == id), ct),
            Finances: await all.CountAsync(p => p.Financiers.Any(f => f.OrganisationId == id), ct),
            InBin: await referring.CountAsync(p => p.DeletedAt != null, ct),
            StaffEmails: await db.Users.AsNoTracking()
                .Where(u => u.Organisations.Any(o => o.Id == id))
                .OrderBy(u => u.Email)
                .Select(u => u.Email ?? u.UserName ?? u.Id)
                .ToListAsync(ct));
    }

    private static InputModel ToInput(Organisation o) => new()
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
        AreaMunicipalities = string.Join(", ", o.AreaMunicipalities.OrderBy(m => m.Name).Select(m => m.Name)),
        ShownStatuses = ProjectStatuses.All.Where(s => !o.HiddenStatuses.Contains(s.Status)).Select(s => s.Slug).ToList(),
        ContactRetentionMonths = o.ContactRetentionMonths?.ToString(CultureInfo.InvariantCulture),
        VolunteerHourRate = RateText(o.VolunteerHourRate),
        AccentColor = o.AccentColor,
        EmbedOrigins = OriginsText(o.EmbedOrigins),
    };

    /// <summary>The origins as the field shows them: one per line.</summary>
    private static string? OriginsText(List<string>? origins) => origins is { Count: > 0 } ? string.Join('\n', origins) : null;

    /// <summary>The rate as the field shows it: kronor, with öre only when there are any.</summary>
    private static string? RateText(Money? rate) => rate?.Amount.ToString(rate.MinorUnits % 100 == 0 ? "0" : "0.00", CultureInfo.GetCultureInfo("sv-SE"));

    /// <summary>The form's values once checked and converted; null when something is wrong.</summary>
    private sealed record CheckedInput(
        string Name, string Slug, OrganisationKind Kind, string? MunicipalityCode, string? Country, string? Description,
        string? WebsiteUrl, bool IsPublisher, string? ListTitle, string? ListIntro, string? PublisherUnit, DateOnly? SourceUpdatedOn,
        List<Municipality> Area, List<ProjectStatus> Hidden, int? RetentionMonths, Money? VolunteerHourRate,
        string? ContactEmail, string? AccentColor, List<string> EmbedOrigins);

    private async Task<CheckedInput?> ValidateAsync(Organisation? existing, List<Municipality> municipalities, CancellationToken ct)
    {
        var id = existing?.Id ?? 0;
        // A field that is too long is not also checked further: its message would quote all of it.
        if (!CleanAndCheckTexts()) return null;
        var name = Clean(Input.Name) ?? "";
        if (name.Length == 0 && ModelState.IsValid) Error(nameof(InputModel.Name), "Skriv organisationens namn.");

        // Address name: typed, or made from the name; only a–z, 0–9 and hyphens, and unique.
        var typedSlug = Clean(Input.Slug)?.ToLowerInvariant();
        var slug = typedSlug ?? Slugs.From(name);
        if (typedSlug is not null && !Slugs.IsValid(typedSlug))
            Error(nameof(InputModel.Slug), $"Adressnamnet får bara innehålla a–z, 0–9 och bindestreck (inte å, ä, ö eller mellanslag) och vara högst {MaxSlugLength} tecken.");
        else if (typedSlug is null && slug.Length == 0 && name.Length > 0)
            Error(nameof(InputModel.Slug), "Det gick inte att bilda ett adressnamn av namnet. Skriv ett själv, med a–z, 0–9 och bindestreck.");
        else if (slug.Length > 0 && await db.Organisations.Where(o => o.Slug == slug && o.Id != id).Select(o => o.Name).FirstOrDefaultAsync(ct) is { } holder)
        {
            var free = await OrganisationRules.FreeSlugAsync(db, slug, ct);
            Error(nameof(InputModel.Slug), typedSlug is null
                ? $"Adressnamnet ”{slug}”, som bildas av namnet, används redan av {holder}. Skriv ett eget adressnamn, till exempel ”{free}”."
                : $"Adressnamnet ”{slug}” används redan av {holder}. Välj ett annat, till exempel ”{free}”.");
        }

        var kind = OrganisationKinds.All.FirstOrDefault(k => k.Code == Input.Kind)?.Kind;
        if (kind is null) Error(nameof(InputModel.Kind), "Välj vilken typ av organisation det är.");

        var code = Clean(Input.MunicipalityCode);
        if (kind == OrganisationKind.Municipality)
        {
            if (code is null)
                Error(nameof(InputModel.MunicipalityCode), "En kommun måste ha sin kommunkod: fyra siffror, till exempel 2418 för Malå.");
            else if (!Municipality.IsValidCode(code))
                Error(nameof(InputModel.MunicipalityCode), $"”{code}” är ingen kommunkod. Kommunkoden är fyra siffror, till exempel 2418 för Malå.");
            else if (municipalities.All(m => m.Code != code))
                Error(nameof(InputModel.MunicipalityCode), $"Det finns ingen kommun med kommunkoden {code}.");
            else if (await db.Organisations.Where(o => o.MunicipalityCode == code && o.Id != id).Select(o => o.Name).FirstOrDefaultAsync(ct) is { } other)
                Error(nameof(InputModel.MunicipalityCode), $"Kommunkoden {code} hör redan till {other}. En kommun ska bara finnas en gång i registret.");
        }
        else if (code is not null && kind is not null)
        {
            Error(nameof(InputModel.MunicipalityCode), "Kommunkod anges bara för organisationer av typen Kommun. Töm fältet eller välj typen Kommun.");
        }

        var website = Clean(Input.WebsiteUrl);
        if (FieldRules.WebAddressProblem(website) is { } urlProblem) Error(nameof(InputModel.WebsiteUrl), urlProblem);
        var contactEmail = Clean(Input.ContactEmail);
        if (contactEmail is not null && (contactEmail.Length > 254 || !EmailAddress.IsValid(contactEmail)))
            Error(nameof(InputModel.ContactEmail), $"”{contactEmail}” är ingen giltig e-postadress. Den ska se ut som info@leaderpolaris.se, eller lämnas tom.");

        var listTitle = Clean(Input.ListTitle);
        if (Input.IsPublisher && listTitle is null)
            Error(nameof(InputModel.ListTitle), "Skriv rubriken på projektlistan, till exempel ”Beviljade projekt”. Den behövs när organisationen publicerar en lista.");
        if (!Input.IsPublisher && existing is not null
            && await db.Projects.IgnoreQueryFilters().CountAsync(p => p.PublisherId == existing.Id, ct) is > 0 and var published)
            Error(nameof(InputModel.IsPublisher), $"{existing.Name} publicerar {published} projekt och måste ha kvar sin projektlista. Flytta projekten till en annan publicerare först.");

        // Typed into the list's fields without ticking the box: ask, rather than throw the text away. Values that
        // were already saved are not "typed": unticking an existing list clears them, as the hint says.
        if (!Input.IsPublisher && PublisherFieldsTyped(existing))
            Error(nameof(InputModel.IsPublisher), "Du har fyllt i uppgifter om en projektlista men inte kryssat i ”Publicerar en projektlista”. Kryssa i rutan, eller töm fälten om organisationen inte har någon lista.");

        if (FieldRules.Day(Input.SourceUpdatedOn, out var sourceUpdated) is { } dayProblem) Error(nameof(InputModel.SourceUpdatedOn), dayProblem);

        var (area, unknown) = FieldRules.Municipalities(Input.IsPublisher ? Input.AreaMunicipalities : null, municipalities);
        AreaPreview = area.OrderBy(m => m.Name).Select(m => new AreaMunicipality(m.Code, m.Name)).ToList();
        if (unknown.Count > 0)
            Error(nameof(InputModel.AreaMunicipalities), FieldRules.UnknownMunicipalities(unknown, municipalities));

        var shown = (Input.ShownStatuses ?? []).Select(s => ProjectStatuses.TryParseSlug(s, out var status) ? status : (ProjectStatus?)null)
            .OfType<ProjectStatus>().ToHashSet();
        if (Input.IsPublisher && shown.Count == 0)
            Error(nameof(InputModel.ShownStatuses), "Kryssa i minst en status. Ska inga projekt synas alls, avpublicera dem i stället.");

        int? retention = null;
        if (Input.IsPublisher && Clean(Input.ContactRetentionMonths) is { } monthsText)
        {
            if (int.TryParse(monthsText, NumberStyles.None, CultureInfo.InvariantCulture, out var months) && months <= 120) retention = months;
            else Error(nameof(InputModel.ContactRetentionMonths), "Skriv ett helt antal månader från 0 till 120, eller lämna fältet tomt så visas kontaktpersonerna så länge projektet finns.");
        }

        // Each LAG sets its own value of an hour of volunteer time; the registry counts it in kronor.
        Money? volunteerRate = null;
        if (Input.IsPublisher && FieldRules.Money(Input.VolunteerHourRate, Clean(Input.VolunteerHourRate) is null ? null : "SEK", out volunteerRate) is { } rateProblem)
            Error(nameof(InputModel.VolunteerHourRate), rateProblem.Problem);

        // A publisher's embeds on its own site: its colour, and the sites allowed to frame them (a message per bad line).
        string? accent = null;
        if (Input.IsPublisher && FieldRules.Colour(Input.AccentColor, out accent) is { } colourProblem)
            Error(nameof(InputModel.AccentColor), colourProblem);
        List<string> origins = [];
        if (Input.IsPublisher)
            foreach (var problem in FieldRules.EmbedOrigins(Input.EmbedOrigins, out origins))
                Error(nameof(InputModel.EmbedOrigins), problem);

        if (!ModelState.IsValid || kind is null) return null;
        return new CheckedInput(
            name, slug, kind.Value, kind == OrganisationKind.Municipality ? code : null,
            Clean(Input.Country), Clean(Input.Description), website, Input.IsPublisher,
            listTitle, Clean(Input.ListIntro), Clean(Input.PublisherUnit), sourceUpdated, area,
            ProjectStatuses.All.Select(s => s.Status).Where(s => !shown.Contains(s)).ToList(), retention, volunteerRate, contactEmail,
            accent, origins);
    }

    private bool PublisherFieldsTyped(Organisation? saved)
    {
        (string? Posted, string? Saved)[] fields =
        [
            (Input.ListTitle, saved?.ListTitle),
            (Input.ListIntro, saved?.ListIntro),
            (Input.PublisherUnit, saved?.PublisherUnit),
            (Input.SourceUpdatedOn, saved?.SourceUpdatedOn is { } updated ? FieldRules.DayText(updated) : null),
            (Input.AreaMunicipalities, saved is null ? null : string.Join(", ", saved.AreaMunicipalities.OrderBy(m => m.Name).Select(m => m.Name))),
            (Input.ContactRetentionMonths, saved?.ContactRetentionMonths?.ToString(CultureInfo.InvariantCulture)),
            (Input.VolunteerHourRate, RateText(saved?.VolunteerHourRate)),
            (Input.AccentColor, saved?.AccentColor),
            (Input.EmbedOrigins, OriginsText(saved?.EmbedOrigins)),
        ];
        return fields.Any(f => Clean(f.Posted) is { } posted && posted != Clean(f.Saved));
    }

    private static void Apply(Organisation o, CheckedInput input)
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

    private void Error(string field, string message) => ModelState.AddModelError($"{nameof(Input)}.{field}", message);

    private static string? Clean(string? text) => FieldRules.Clean(text);
}
