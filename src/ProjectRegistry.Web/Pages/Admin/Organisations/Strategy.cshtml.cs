using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;
using ProjectRegistry.Web.Editing;

namespace ProjectRegistry.Web.Pages.Admin.Organisations;

/// <summary>
/// A publisher's local development strategy (LUS): its målområden with their planned budgets and inriktningsmål,
/// which projects are tagged with and the public list filters on, and the indicator catalogue its projects report
/// planned and achieved values against, with the strategy's targets. Each small action is a named handler on this
/// one page.
/// </summary>
public class StrategyModel(RegistryDbContext db, ILogger<StrategyModel> logger) : PageModel
{
    /// <summary>The line the admin layout shows after the redirect (post/redirect/get).</summary>
    [TempData]
    public string? Status { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public OrganisationInfo Organisation { get; private set; } = null!;
    public List<AreaRow> Areas { get; private set; } = [];

    /// <summary>The form whose action was refused ("new-area", "area-5", "new-goal-5", "goal-12", "indicator-3") and why, field by field.</summary>
    public List<Problem> Refusals { get; } = [];

    public Problem? Refused => Refusals.FirstOrDefault();

    public List<IndicatorRow> Indicators { get; private set; } = [];

    public sealed record OrganisationInfo(int Id, string Name, string Slug, bool IsPublisher);
    public sealed record AreaRow(int Id, string Name, string Slug, int Projects, List<GoalRow> Goals, Money? Budget);
    public sealed record IndicatorRow(int Id, string Name, string? Unit, string? Description, string? EuCode, long? Target, int? GoalAreaId, int Projects);
    public sealed record GoalRow(int Id, string Name, int Projects);

    /// <summary>A refused action: the form it came from, the field to move to and the message.</summary>
    public sealed record Problem(string Form, string FieldId, string Message);

    public sealed class InputModel
    {
        public int? GoalAreaId { get; set; }
        public int? DirectionGoalId { get; set; }
        public string? Name { get; set; }

        /// <summary>"upp" or "ner", from the move buttons.</summary>
        public string? Direction { get; set; }

        public string? BudgetAmount { get; set; }
        public string? BudgetCurrency { get; set; }

        public int? IndicatorId { get; set; }
        public string? Unit { get; set; }
        public string? Description { get; set; }
        public string? EuCode { get; set; }
        public string? Target { get; set; }

        /// <summary>The målområde an indicator belongs to; empty for none.</summary>
        public int? IndicatorGoalAreaId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddGoalAreaAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        const string form = "new-area";
        if (CheckName(form, "new-area-name", "målområdet") is not { } name) return Page();
        var slug = Slugs.From(name);
        if (await SlugHolderAsync(id, slug, exceptId: null, ct) is { } holder)
            return Refuse(form, "new-area-name", SlugTaken(slug, holder));

        var position = await db.GoalAreas.Where(g => g.OrganisationId == id).MaxAsync(g => (int?)g.Position, ct) ?? -1;
        db.GoalAreas.Add(new GoalArea { OrganisationId = id, Name = name, Slug = slug, Position = position + 1 });
        await db.SaveChangesAsync(ct);
        Log("lade till målområdet", name);
        return Done($"Målområdet ”{name}” har lagts till.");
    }

    public async Task<IActionResult> OnPostRenameGoalAreaAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var area = await FindAreaAsync(id, ct);
        if (area is null) return NotFound();
        var form = $"area-{area.Id}";
        if (CheckName(form, $"{form}-name", "målområdet") is not { } name) return Page();
        if (name == area.Name) return Done("Namnet var detsamma; inget ändrades.");
        var slug = Slugs.From(name);
        if (await SlugHolderAsync(id, slug, area.Id, ct) is { } holder)
            return Refuse(form, $"{form}-name", SlugTaken(slug, holder));

        var old = area.Name;
        // The slug follows the name, as when the strategy is imported; links to the old filter stop matching.
        area.Name = name;
        area.Slug = slug;
        await db.SaveChangesAsync(ct);
        Log("bytte namn på målområdet", $"{old} → {name}");
        return Done($"Målområdet ”{old}” heter nu ”{name}”.");
    }

    public async Task<IActionResult> OnPostMoveGoalAreaAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var areas = await db.GoalAreas.Where(g => g.OrganisationId == id).OrderBy(g => g.Position).ThenBy(g => g.Id).ToListAsync(ct);
        var area = areas.FirstOrDefault(g => g.Id == Input.GoalAreaId);
        if (area is null) return NotFound();
        if (!Move(areas, area, Input.Direction, (g, p) => g.Position = p)) return Done(null, $"area-{area.Id}");
        await db.SaveChangesAsync(ct);
        return Done($"Målområdet ”{area.Name}” har flyttats {(Input.Direction == "upp" ? "upp" : "ner")}.", $"area-{area.Id}");
    }

    public async Task<IActionResult> OnPostDeleteGoalAreaAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var area = await FindAreaAsync(id, ct);
        if (area is null) return NotFound();
        var form = $"area-{area.Id}";

        var all = db.Projects.IgnoreQueryFilters();
        var (projects, inBin) = await CountAsync(all.Where(p => p.GoalAreas.Any(g => g.Id == area.Id)), ct);
        if (projects > 0)
            return Refuse(form, $"{form}-name", $"Målområdet ”{area.Name}” kan inte tas bort: {ProjectCount(projects, inBin)} använder det. Ta bort målområdet från projekten först.");
        var (goalProjects, goalInBin) = await CountAsync(all.Where(p => p.DirectionGoals.Any(g => g.GoalAreaId == area.Id)), ct);
        if (goalProjects > 0)
            return Refuse(form, $"{form}-name", $"Målområdet ”{area.Name}” kan inte tas bort: {ProjectCount(goalProjects, goalInBin)} använder dess inriktningsmål. Ta bort inriktningsmålen från projekten först.");

        var goals = await db.DirectionGoals.CountAsync(g => g.GoalAreaId == area.Id, ct);
        db.GoalAreas.Remove(area);
        await db.SaveChangesAsync(ct);
        await RenumberAreasAsync(id, ct);
        Log("tog bort målområdet", area.Name);
        return Done(goals == 0 ? $"Målområdet ”{area.Name}” har tagits bort."
            : $"Målområdet ”{area.Name}” och {(goals == 1 ? "dess inriktningsmål" : $"dess {goals} inriktningsmål")} har tagits bort.");
    }

    public async Task<IActionResult> OnPostAddDirectionGoalAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var area = await FindAreaAsync(id, ct);
        if (area is null) return NotFound();
        var form = $"new-goal-{area.Id}";
        if (CheckName(form, $"{form}-name", "inriktningsmålet") is not { } name) return Page();
        if (await db.DirectionGoals.AnyAsync(g => g.GoalAreaId == area.Id && g.Name == name, ct))
            return Refuse(form, $"{form}-name", $"Det finns redan ett inriktningsmål som heter ”{name}” under ”{area.Name}”.");

        var position = await db.DirectionGoals.Where(g => g.GoalAreaId == area.Id).MaxAsync(g => (int?)g.Position, ct) ?? -1;
        db.DirectionGoals.Add(new DirectionGoal { GoalAreaId = area.Id, Name = name, Position = position + 1 });
        await db.SaveChangesAsync(ct);
        Log("lade till inriktningsmålet", $"{area.Name}: {name}");
        return Done($"Inriktningsmålet ”{name}” har lagts till under ”{area.Name}”.", $"area-{area.Id}");
    }

    public async Task<IActionResult> OnPostRenameDirectionGoalAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var goal = await FindGoalAsync(id, ct);
        if (goal is null) return NotFound();
        var form = $"goal-{goal.Id}";
        if (CheckName(form, $"{form}-name", "inriktningsmålet") is not { } name) return Page();
        if (name == goal.Name) return Done("Namnet var detsamma; inget ändrades.");
        if (await db.DirectionGoals.AnyAsync(g => g.GoalAreaId == goal.GoalAreaId && g.Name == name && g.Id != goal.Id, ct))
            return Refuse(form, $"{form}-name", $"Det finns redan ett inriktningsmål som heter ”{name}” under ”{goal.GoalArea.Name}”.");

        var old = goal.Name;
        goal.Name = name;
        await db.SaveChangesAsync(ct);
        Log("bytte namn på inriktningsmålet", $"{old} → {name}");
        return Done($"Inriktningsmålet ”{old}” heter nu ”{name}”.");
    }

    public async Task<IActionResult> OnPostMoveDirectionGoalAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var goal = await FindGoalAsync(id, ct);
        if (goal is null) return NotFound();
        var siblings = await db.DirectionGoals.Where(g => g.GoalAreaId == goal.GoalAreaId).OrderBy(g => g.Position).ThenBy(g => g.Id).ToListAsync(ct);
        if (!Move(siblings, goal, Input.Direction, (g, p) => g.Position = p)) return Done(null, $"goal-{goal.Id}");
        await db.SaveChangesAsync(ct);
        return Done($"Inriktningsmålet ”{goal.Name}” har flyttats {(Input.Direction == "upp" ? "upp" : "ner")}.", $"goal-{goal.Id}");
    }

    public async Task<IActionResult> OnPostDeleteDirectionGoalAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var goal = await FindGoalAsync(id, ct);
        if (goal is null) return NotFound();
        var form = $"goal-{goal.Id}";
        var (projects, inBin) = await CountAsync(db.Projects.IgnoreQueryFilters().Where(p => p.DirectionGoals.Any(g => g.Id == goal.Id)), ct);
        if (projects > 0)
            return Refuse(form, $"{form}-name", $"Inriktningsmålet ”{goal.Name}” kan inte tas bort: {ProjectCount(projects, inBin)} använder det. Ta bort det från projekten först.");

        db.DirectionGoals.Remove(goal);
        await db.SaveChangesAsync(ct);
        var rest = await db.DirectionGoals.Where(g => g.GoalAreaId == goal.GoalAreaId).OrderBy(g => g.Position).ThenBy(g => g.Id).ToListAsync(ct);
        for (var i = 0; i < rest.Count; i++) rest[i].Position = i;
        await db.SaveChangesAsync(ct);
        Log("tog bort inriktningsmålet", goal.Name);
        return Done($"Inriktningsmålet ”{goal.Name}” har tagits bort från ”{goal.GoalArea.Name}”.", $"area-{goal.GoalAreaId}");
    }

    /// <summary>The målområde's budget in the strategy's financing plan; blank amount and currency remove it.</summary>
    public async Task<IActionResult> OnPostSaveBudgetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var area = await FindAreaAsync(id, ct);
        if (area is null) return NotFound();
        var form = $"budget-{area.Id}";
        var amount = OrganisationTexts.IndicatorValue.Clean(Input.BudgetAmount);
        var currency = OrganisationTexts.Code.Clean(Input.BudgetCurrency);
        if (OrganisationTexts.IndicatorValue.Problem(amount) is { } tooLong) return Refuse(form, $"{form}-amount", tooLong, nameField: false);
        if (FieldRules.Money(amount, currency, out var budget) is { } wrong)
            return Refuse(form, wrong.Field == FieldRules.MoneyField.Amount ? $"{form}-amount" : $"{form}-currency", wrong.Problem, nameField: false);
        if (budget == area.PlannedBudget) return Done("Budgeten var densamma; inget ändrades.", $"area-{area.Id}");
        area.PlannedBudget = budget;
        await db.SaveChangesAsync(ct);
        Log("satte budget för målområdet", $"{area.Name}: {budget?.ToString() ?? "ingen"}");
        return Done(budget is null ? $"Budgeten för ”{area.Name}” har tagits bort." : $"Budgeten för ”{area.Name}” är nu {budget.ToDisplayString()}.", $"area-{area.Id}");
    }

    public async Task<IActionResult> OnPostAddIndicatorAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        const string form = "new-indicator";
        if (await CheckIndicatorAsync(id, form, exceptId: null, ct) is not { } checkedInput) return Page();
        var position = await db.Indicators.Where(i => i.OrganisationId == id).MaxAsync(i => (int?)i.Position, ct) ?? -1;
        var indicator = new Indicator { OrganisationId = id, Name = checkedInput.Name, Position = position + 1 };
        IndicatorInput.ApplyTo(indicator, checkedInput);
        db.Indicators.Add(indicator);
        await db.SaveChangesAsync(ct);
        Log("lade till indikatorn", indicator.Name);
        return Done($"Indikatorn ”{indicator.Name}” har lagts till.", "indikatorer");
    }

    public async Task<IActionResult> OnPostEditIndicatorAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var indicator = await FindIndicatorAsync(id, ct);
        if (indicator is null) return NotFound();
        var form = $"indicator-{indicator.Id}";
        if (await CheckIndicatorAsync(id, form, indicator.Id, ct) is not { } checkedInput) return Page();
        var old = indicator.Name;
        IndicatorInput.ApplyTo(indicator, checkedInput);
        if (!db.ChangeTracker.HasChanges()) return Done("Indikatorn var densamma; inget ändrades.", form);
        await db.SaveChangesAsync(ct);
        Log("ändrade indikatorn", old == indicator.Name ? old : $"{old} → {indicator.Name}");
        return Done($"Indikatorn ”{indicator.Name}” har sparats.", form);
    }

    public async Task<IActionResult> OnPostMoveIndicatorAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var all = await db.Indicators.Where(i => i.OrganisationId == id).OrderBy(i => i.Position).ThenBy(i => i.Id).ToListAsync(ct);
        var indicator = all.FirstOrDefault(i => i.Id == Input.IndicatorId);
        if (indicator is null) return NotFound();
        if (!Move(all, indicator, Input.Direction, (x, p) => x.Position = p)) return Done(null, $"indicator-{indicator.Id}");
        await db.SaveChangesAsync(ct);
        return Done($"Indikatorn ”{indicator.Name}” har flyttats {(Input.Direction == "upp" ? "upp" : "ner")}.", $"indicator-{indicator.Id}");
    }

    public async Task<IActionResult> OnPostDeleteIndicatorAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var indicator = await FindIndicatorAsync(id, ct);
        if (indicator is null) return NotFound();
        var form = $"indicator-{indicator.Id}";
        var (projects, inBin) = await CountAsync(db.Projects.IgnoreQueryFilters().Where(p => p.IndicatorValues.Any(v => v.IndicatorId == indicator.Id)), ct);
        if (projects > 0)
            return Refuse(form, $"{form}-name", $"Indikatorn ”{indicator.Name}” kan inte tas bort: {ProjectCount(projects, inBin)} har värden för den. Ta bort värdena från projekten först.");
        db.Indicators.Remove(indicator);
        await db.SaveChangesAsync(ct);
        var rest = await db.Indicators.Where(i => i.OrganisationId == id).OrderBy(i => i.Position).ThenBy(i => i.Id).ToListAsync(ct);
        for (var i = 0; i < rest.Count; i++) rest[i].Position = i;
        await db.SaveChangesAsync(ct);
        Log("tog bort indikatorn", indicator.Name);
        return Done($"Indikatorn ”{indicator.Name}” har tagits bort.", "indikatorer");
    }

    /// <summary>The indicator form's fields by <see cref="IndicatorInput"/>'s rules, or null after recording on each field what is wrong with it.</summary>
    private async Task<IndicatorInput.Checked?> CheckIndicatorAsync(int organisationId, string form, int? exceptId, CancellationToken ct)
    {
        var input = new IndicatorInput
        {
            Name = Input.Name, Unit = Input.Unit, Description = Input.Description, EuCode = Input.EuCode, Target = Input.Target,
            GoalAreaId = Input.IndicatorGoalAreaId,
        };
        var others = await db.Indicators.Where(i => i.OrganisationId == organisationId && i.Id != exceptId).Select(i => i.Name).ToListAsync(ct);
        var errors = new ModelStateDictionary();
        var checkedInput = input.Validate(errors, others.ToHashSet(StringComparer.Ordinal), Areas.Select(a => a.Id).ToList(), prefix: "");
        (Input.Name, Input.Unit, Input.Description, Input.EuCode, Input.Target) = (input.Name, input.Unit, input.Description, input.EuCode, input.Target);
        foreach (var field in IndicatorInput.FieldOrder)
            if (errors.TryGetValue(field, out var entry) && entry.Errors.Count > 0)
                Record(form, $"{form}-{FieldIds[field]}", entry.Errors[0].ErrorMessage, nameField: false);
        return checkedInput;
    }

    /// <summary>The id suffix of each indicator field in the form (_IndicatorFields).</summary>
    private static readonly Dictionary<string, string> FieldIds = new()
    {
        [nameof(IndicatorInput.Name)] = "name", [nameof(IndicatorInput.Unit)] = "unit", [nameof(IndicatorInput.Description)] = "description",
        [nameof(IndicatorInput.EuCode)] = "eu", [nameof(IndicatorInput.Target)] = "target", [nameof(IndicatorInput.GoalAreaId)] = "area",
    };

    private Task<Indicator?> FindIndicatorAsync(int organisationId, CancellationToken ct) =>
        db.Indicators.FirstOrDefaultAsync(i => i.Id == Input.IndicatorId && i.OrganisationId == organisationId, ct);

    /// <summary>The organisation and its strategy as the page shows them; false when there is no such organisation.</summary>
    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new OrganisationInfo(o.Id, o.Name, o.Slug, o.ListTitle != null))
            .FirstOrDefaultAsync(ct);
        if (organisation is null) return false;
        Organisation = organisation;

        // Counted as the public list and the admin list count: the bin is left out.
        var areas = await db.GoalAreas.AsNoTracking()
            .Where(g => g.OrganisationId == id)
            .OrderBy(g => g.Position).ThenBy(g => g.Id)
            .Select(g => new
            {
                g.Id, g.Name, g.Slug, g.PlannedBudget,
                Projects = db.Projects.Count(p => p.GoalAreas.Any(x => x.Id == g.Id)),
                Goals = g.DirectionGoals.OrderBy(d => d.Position).ThenBy(d => d.Id)
                    .Select(d => new { d.Id, d.Name, Projects = db.Projects.Count(p => p.DirectionGoals.Any(x => x.Id == d.Id)) })
                    .ToList(),
            })
            .ToListAsync(ct);
        Areas = areas.Select(a => new AreaRow(a.Id, a.Name, a.Slug, a.Projects,
            a.Goals.Select(d => new GoalRow(d.Id, d.Name, d.Projects)).ToList(), a.PlannedBudget)).ToList();
        Indicators = await db.Indicators.AsNoTracking().Where(i => i.OrganisationId == id)
            .OrderBy(i => i.Position).ThenBy(i => i.Id)
            .Select(i => new IndicatorRow(i.Id, i.Name, i.Unit, i.Description, i.EuCode, i.Target, i.GoalAreaId,
                db.ProjectIndicatorValues.Count(v => v.IndicatorId == i.Id && db.Projects.Any(p => p.Id == v.ProjectId))))
            .ToListAsync(ct);
        return true;
    }

    private Task<GoalArea?> FindAreaAsync(int organisationId, CancellationToken ct) =>
        db.GoalAreas.FirstOrDefaultAsync(g => g.Id == Input.GoalAreaId && g.OrganisationId == organisationId, ct);

    private Task<DirectionGoal?> FindGoalAsync(int organisationId, CancellationToken ct) =>
        db.DirectionGoals.Include(g => g.GoalArea)
            .FirstOrDefaultAsync(g => g.Id == Input.DirectionGoalId && g.GoalArea.OrganisationId == organisationId, ct);

    private async Task<string?> SlugHolderAsync(int organisationId, string slug, int? exceptId, CancellationToken ct) =>
        await db.GoalAreas.Where(g => g.OrganisationId == organisationId && g.Slug == slug && g.Id != exceptId)
            .Select(g => g.Name).FirstOrDefaultAsync(ct);

    private static string SlugTaken(string slug, string holder) =>
        $"Namnet ger samma adressnamn (”{slug}”) som målområdet ”{holder}”. Välj ett namn som skiljer sig mer.";

    /// <summary>The trimmed name, or null after recording why it cannot be used.</summary>
    private string? CheckName(string form, string fieldId, string what)
    {
        var name = OrganisationTexts.GoalName.Clean(Input.Name);
        var problem = string.IsNullOrEmpty(name) ? $"Skriv ett namn på {what}."
            : OrganisationTexts.GoalName.Problem(name) is { } tooLong ? tooLong
            : Slugs.From(name).Length == 0 ? "Namnet måste innehålla bokstäver eller siffror."
            : null;
        if (problem is null) return name;
        Record(form, fieldId, problem);
        return null;
    }

    private PageResult Refuse(string form, string fieldId, string message, bool nameField = true)
    {
        Record(form, fieldId, message, nameField);
        return Page();
    }

    /// <param name="nameField">The message belongs to the name field, which the goal forms show with asp-validation-for.</param>
    private void Record(string form, string fieldId, string message, bool nameField = true)
    {
        if (nameField) ModelState.AddModelError($"{nameof(Input)}.{nameof(InputModel.Name)}", message);
        Refusals.Add(new Problem(form, fieldId, message));
    }

    /// <summary>The message for a field of a refused form, for the markup that marks it.</summary>
    public string? ErrorFor(string fieldId) => Refusals.FirstOrDefault(r => r.FieldId == fieldId)?.Message;

    /// <summary>Swaps the item with its neighbour and numbers the list from 0; false when it is already at that end.</summary>
    private static bool Move<T>(List<T> items, T item, string? direction, Action<T, int> setPosition)
    {
        var at = items.IndexOf(item);
        var to = direction == "upp" ? at - 1 : direction == "ner" ? at + 1 : at;
        if (to < 0 || to >= items.Count || to == at) return false;
        (items[at], items[to]) = (items[to], items[at]);
        for (var i = 0; i < items.Count; i++) setPosition(items[i], i);
        return true;
    }

    private async Task RenumberAreasAsync(int organisationId, CancellationToken ct)
    {
        var areas = await db.GoalAreas.Where(g => g.OrganisationId == organisationId).OrderBy(g => g.Position).ThenBy(g => g.Id).ToListAsync(ct);
        for (var i = 0; i < areas.Count; i++) areas[i].Position = i;
        await db.SaveChangesAsync(ct);
    }

    private static async Task<(int All, int InBin)> CountAsync(IQueryable<Project> projects, CancellationToken ct) =>
        (await projects.CountAsync(ct), await projects.CountAsync(p => p.DeletedAt != null, ct));

    private static string ProjectCount(int all, int inBin) =>
        (all == 1 ? "1 projekt" : $"{all} projekt") + (inBin > 0 ? $" (varav {inBin} i papperskorgen)" : "");

    private RedirectResult Done(string? status, string? fragment = null)
    {
        if (status is not null) Status = status;
        return Redirect($"/admin/organisationer/{Organisation.Id}/lus{(fragment is null ? "" : "#" + fragment)}");
    }

    private void Log(string action, string what) =>
        logger.LogInformation("LUS för organisation {OrganisationId}: användare {UserId} {Action} {What}",
            Organisation.Id, User.FindFirstValue(ClaimTypes.NameIdentifier), action, what);
}

/// <summary>
/// One indicator form's fields (_IndicatorFields): the form's id prefix, what was typed when it was refused (else the
/// saved indicator, or nothing for a new one), the målområden to choose from and the refusals to show on the fields.
/// </summary>
public sealed record IndicatorFields(
    string Form, StrategyModel.InputModel? Typed, StrategyModel.IndicatorRow? Saved,
    IReadOnlyList<StrategyModel.AreaRow> Areas, IReadOnlyList<StrategyModel.Problem> Refusals)
{
    public string? Error(string field) => Refusals.FirstOrDefault(r => r.FieldId == $"{Form}-{field}")?.Message;

    public string? Name => Typed is not null ? Typed.Name : Saved?.Name;
    public string? Unit => Typed is not null ? Typed.Unit : Saved?.Unit;
    public string? Description => Typed is not null ? Typed.Description : Saved?.Description;
    public string? EuCode => Typed is not null ? Typed.EuCode : Saved?.EuCode;
    public string? Target => Typed is not null ? Typed.Target : Saved?.Target is { } t ? IndicatorValues.Text(t) : null;
    public int? GoalAreaId => Typed is not null ? Typed.IndicatorGoalAreaId : Saved?.GoalAreaId;
}
