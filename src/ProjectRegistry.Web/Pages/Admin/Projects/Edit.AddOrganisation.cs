using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;
using ProjectRegistry.Web.Infrastructure;
using ProjectRegistry.Web.Infrastructure.Security;
using ProjectRegistry.Web.Infrastructure.Text;

namespace ProjectRegistry.Web.Pages.Admin.Projects;

/// <summary>
/// The project form's part for adding an organisation that is missing from the lists, from the row it is missing in
/// (the owner, a partner, a financier), checked by Editing/OrganisationRules.
/// </summary>
public partial class EditModel
{
    /// <summary>The add-organisation part of one row as the last post-back left it: what was typed, and why it is not added yet.</summary>
    public sealed record OrganisationOffer(string Row, string? Name, string? Kind, string? Problem, List<(int Id, string Name)> NearMatches);

    /// <summary>What one row's add-organisation part shows: the row ("agare", "partner-0", "finansiar-1"), where it posts, and what happened.</summary>
    public sealed record AddOrganisationPart(string Row, string RowLabel, string ProjectPath, OrganisationOffer? Offer, string? Notice);

    public OrganisationOffer? OpenOffer { get; private set; }

    /// <summary>"Region Norrbotten är tillagd …", for the row it was chosen in.</summary>
    public (string Row, string Text)? OrganisationNotice { get; private set; }

    public AddOrganisationPart AddOrganisation(string row, string projectPath) =>
        new(row, RowLabel(row), projectPath, OpenOffer?.Row == row ? OpenOffer : null, OrganisationNotice?.Row == row ? OrganisationNotice.Value.Text : null);

    /// <summary>
    /// "Lägg till och välj": adds the organisation typed in a row's add part (as "ny, ej granskad") and chooses it in
    /// that row; or offers the names that nearly match (<paramref name="ny"/> "ja" adds it anyway). The form comes back
    /// with everything typed, as after any row button.
    /// </summary>
    public async Task<IActionResult> OnPostAddOrganisationAsync(int? id, string? rad, string? ny)
    {
        var denied = await PrepareRedisplayAsync(id);
        if (denied is not null) return denied;
        if (rad is null || RowField(rad) is null) return BadRequest();
        var name = Request.Form[$"nyorg-{rad}-namn"].ToString();
        var kind = Request.Form[$"nyorg-{rad}-typ"].ToString();
        var result = await OrganisationRules.AddFromProjectFormAsync(db, Lookups, name, kind, ny == "ja", staff.Name, clock.GetUtcNow().UtcDateTime);
        if (result.Added is { } added)
        {
            Choose(rad, added.Id);
            logger.LogInformation("Organisation {OrganisationId} tillagd från projektformuläret av användare {UserId}", added.Id, staff.UserId);
            OrganisationNotice = (rad, $"{added.Name} är tillagd och vald. Den kan användas direkt; en administratör granskar den sedan.");
        }
        else if (result.Existing is { } existing)
        {
            Choose(rad, existing.Id);
            OrganisationNotice = (rad, $"{existing.Name} finns redan i registret och är vald.");
        }
        else
        {
            OpenOffer = new OrganisationOffer(rad, name, kind, result.Problem, result.NearMatches);
            FocusField = $"nyorg-{rad}-namn";
        }
        await KeepDraftAsync();
        return Page();
    }

    /// <summary>"Välj Region Norrbotten": one of the near matches offered, chosen in the row instead of a new one.</summary>
    public async Task<IActionResult> OnPostChooseOrganisationAsync(int? id, string? rad, int org)
    {
        var denied = await PrepareRedisplayAsync(id);
        if (denied is not null) return denied;
        if (rad is null || RowField(rad) is null || !Lookups.Organisations.TryGetValue(org, out var name)) return BadRequest();
        Choose(rad, org);
        OrganisationNotice = (rad, $"{name} är vald.");
        await KeepDraftAsync();
        return Page();
    }

    /// <summary>"projektägaren", "partner 2", "finansiär 1": which row a button of the add part is for, to a screen reader.</summary>
    private static string RowLabel(string row) => row == "agare" ? "projektägaren"
        : $"{ProjectRowKinds.All[row[..row.LastIndexOf('-')]].Label.ToLowerInvariant()} {int.Parse(row[(row.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture) + 1}";

    /// <summary>The id of a row's organisation field, or null when the row does not exist.</summary>
    private string? RowField(string row)
    {
        if (row == "agare") return "Input_OwnerId";
        var dash = row.LastIndexOf('-');
        if (dash < 0 || !int.TryParse(row[(dash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i)) return null;
        return row[..dash] switch
        {
            "partner" when i < Input.Partners.Count => ProjectRowKinds.All["partner"].FirstField(i),
            "finansiar" when i < Input.Financiers.Count => ProjectRowKinds.All["finansiar"].FirstField(i),
            _ => null,
        };
    }

    private void Choose(string row, int organisationId)
    {
        var index = row == "agare" ? -1 : int.Parse(row[(row.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (row == "agare") Input.OwnerId = organisationId;
        else if (row.StartsWith("partner-", StringComparison.Ordinal)) Input.Partners[index].OrganisationId = organisationId;
        else Input.Financiers[index].OrganisationId = organisationId;
        FocusField = RowField(row);
    }
}
