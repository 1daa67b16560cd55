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
    public OrganisationInput Input { get; set; } = new();

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
    public static IReadOnlyList<string> FieldOrder => OrganisationInput.FieldOrder;

    public sealed record AreaMunicipality(string Code, string Name);


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

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (IsNew)
        {
            Input = OrganisationInput.New();
            return Page();
        }
        var organisation = await LoadAsync(tracking: false, ct);
        if (organisation is null) return NotFound();
        Input = OrganisationInput.FromOrganisation(organisation);
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

        var lookups = await OrganisationLookups.LoadAsync(db, organisation?.Id, ct);
        var checkedInput = Input.Validate(ModelState, lookups, organisation);
        if (Input.ResolvedArea is { } area) AreaPreview = area.OrderBy(m => m.Name).Select(m => new AreaMunicipality(m.Code, m.Name)).ToList();
        if (!ModelState.IsValid || checkedInput is null)
        {
            if (organisation is not null) await LoadPageDataAsync(organisation, areaFromForm: true, ct);
            return Page();
        }

        organisation ??= db.Organisations.Add(new Organisation { Slug = checkedInput.Slug, Name = checkedInput.Name }).Entity;
        OrganisationInput.ApplyTo(organisation, checkedInput);
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
            Input = OrganisationInput.FromOrganisation(organisation);
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
}
