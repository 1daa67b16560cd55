using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Editing;

/// <summary>The form's checks: every field by the rules staff and imports share, with a Swedish message on the field that is wrong.</summary>
public sealed partial class ProjectInput
{
    /// <summary>
    /// Checks every field and puts a Swedish message on the field that is wrong (keys "Input.X"). Returns the
    /// parsed values that <see cref="ApplyTo"/> needs, or null when something is wrong.
    /// </summary>
    public Parsed? Validate(ModelStateDictionary errors, ProjectLookups lookups, string prefix = "Input")
    {
        void Error(string field, string message) => errors.AddModelError(prefix.Length == 0 ? field : $"{prefix}.{field}", message);

        CleanTexts();
        var tooLong = new HashSet<string>();
        foreach (var (field, rule, value) in TextFields())
            if (rule.Problem(value) is { } problem && tooLong.Add(field)) Error(field, problem);
        // A field that is too long is not also parsed: its message would quote all of it.
        if (tooLong.Count > 0) return null;

        if (string.IsNullOrWhiteSpace(Title)) Error(nameof(Title), "Skriv projektets titel.");

        var slug = string.IsNullOrWhiteSpace(Slug) ? Slugs.From(Title ?? "") : Slug.Trim();
        if (!Slugs.IsValid(slug))
            Error(nameof(Slug), "Adressen får bara innehålla små bokstäver a–z, siffror och bindestreck (högst 120 tecken).");
        else if (lookups.SlugTaken(slug))
            Error(nameof(Slug), $"Adressen /projekt/{slug} används redan av ett annat projekt. Välj en annan.");

        if (!lookups.Publishers.ContainsKey(PublisherId)) Error(nameof(PublisherId), "Välj vilken organisations lista projektet publiceras i.");
        if (!ProjectStatuses.TryParseSlug(Status, out var status))
            Error(nameof(Status), string.IsNullOrEmpty(Status) ? "Välj en status."
                : $"”{Status}” är ingen känd status. Välj en av {string.Join(", ", ProjectStatuses.All.Select(s => s.Slug))}.");
        if (FieldRules.Day(StatusDate, out var statusDate) is { } dayProblem) Error(nameof(StatusDate), dayProblem);
        if (OwnerId is { } owner && !lookups.Organisations.ContainsKey(owner)) Error(nameof(OwnerId), "Välj en projektägare ur listan.");

        var start = Date(nameof(Start), Start);
        var end = Date(nameof(End), End);
        if (start is not null && end is not null && new Period(start, end).EndsBeforeItStarts)
            Error(nameof(End), $"Projektet kan inte sluta ({end.ToDisplayString()}) innan det börjar ({start.ToDisplayString()}).");

        var budget = MoneyOf(nameof(BudgetAmount), nameof(BudgetCurrency), BudgetAmount, BudgetCurrency);

        var partners = new List<(int, string?, Money?)>();
        for (var i = 0; i < Partners.Count; i++)
        {
            var r = Partners[i];
            if (r.OrganisationId is not { } id || !lookups.Organisations.ContainsKey(id)) Error($"Partners[{i}].OrganisationId", "Välj organisation för partnern.");
            var share = MoneyOf($"Partners[{i}].Amount", $"Partners[{i}].Currency", r.Amount, r.Currency);
            partners.Add((r.OrganisationId ?? 0, Clean(r.Role), share));
        }

        var financiers = new List<ParsedFinancier>();
        for (var i = 0; i < Financiers.Count; i++)
        {
            var r = Financiers[i];
            var at = $"Financiers[{i}]";
            if (r.OrganisationId is not { } id || !lookups.Organisations.ContainsKey(id)) Error($"{at}.OrganisationId", "Välj vilken organisation som finansierar.");
            var contribution = lookups.OrganisationKinds.TryGetValue(r.OrganisationId ?? 0, out var kind) ? Contributions.DefaultFor(kind) : Contribution.PublicCofinancing;
            if (!string.IsNullOrWhiteSpace(r.Contribution) && !Contributions.TryParseCode(r.Contribution, out contribution))
                Error($"{at}.Contribution", "Välj vad finansieringen är: stöd, offentlig medfinansiering, privat kontant, ideell tid eller ideell resurs.");
            if (contribution != Contribution.VolunteerTime)
            {
                if (!string.IsNullOrWhiteSpace(r.Hours)) Error($"{at}.Hours", "Timmar anges bara för ideell tid. Välj ”Ideell tid” eller töm fältet.");
                if (!string.IsNullOrWhiteSpace(r.Rate)) Error($"{at}.Rate", "Timpris anges bara för ideell tid. Välj ”Ideell tid” eller töm fältet.");
                var amount = MoneyOf($"{at}.Amount", $"{at}.Currency", r.Amount, r.Currency);
                financiers.Add(new ParsedFinancier(r.OrganisationId ?? 0, contribution, amount, null, null, Clean(r.AccountingReference), Clean(r.Note)));
                continue;
            }
            // Volunteer time is valued as hours times a rate: the row's own rate, or the one its publisher has set.
            if (FieldRules.Hours(r.Hours, out var hours) is { } hoursProblem) Error($"{at}.Hours", hoursProblem);
            else if (hours is null) Error($"{at}.Hours", "Skriv hur många timmar ideell tid det är, till exempel 120.");
            var rate = string.IsNullOrWhiteSpace(r.Rate)
                ? lookups.VolunteerRates.GetValueOrDefault(PublisherId)
                : MoneyOf($"{at}.Rate", $"{at}.Currency", r.Rate, r.Currency);
            if (rate is null && string.IsNullOrWhiteSpace(r.Rate))
                Error($"{at}.Rate", $"Skriv timpriset för en timme ideell tid, till exempel 220. {lookups.Publishers.GetValueOrDefault(PublisherId, "Publiceraren")} har inget eget timpris angivet.");
            Money? value = hours is { } h && rate is not null ? new Money((long)Math.Round(h * rate.MinorUnits, MidpointRounding.AwayFromZero), rate.Currency) : null;
            if (value is not null && !string.IsNullOrWhiteSpace(r.Amount)
                && (FieldRules.Money(r.Amount, r.Currency ?? value.Currency, out var typed) is not null || typed != value))
                Error($"{at}.Amount", $"För ideell tid räknas värdet fram: {FieldRules.HoursText(hours!.Value)} timmar × {rate!.ToDisplayString()} = {value.ToDisplayString()}. Töm beloppet, eller ändra timmarna eller timpriset.");
            financiers.Add(new ParsedFinancier(r.OrganisationId ?? 0, contribution, value, hours, rate, Clean(r.AccountingReference), Clean(r.Note)));
        }

        for (var i = 0; i < Contacts.Count; i++)
        {
            var c = Contacts[i];
            if (!string.IsNullOrWhiteSpace(c.Email) && !EmailAddress.IsValid(c.Email))
                Error($"Contacts[{i}].Email", $"”{c.Email.Trim()}” är ingen giltig e-postadress (till exempel namn@kommun.se).");
            if (string.IsNullOrWhiteSpace(c.Name) && string.IsNullOrWhiteSpace(c.Role) && string.IsNullOrWhiteSpace(c.Email))
                Error($"Contacts[{i}].Name", "En kontakt behöver ett namn, en roll eller en e-postadress.");
            if (c.IsRoleMailbox && string.IsNullOrWhiteSpace(c.Email))
                Error($"Contacts[{i}].Email", "En funktionsbrevlåda behöver en e-postadress.");
        }

        for (var i = 0; i < Links.Count; i++)
        {
            var l = Links[i];
            if (LinkKinds.All.All(k => k.Code != l.Kind)) Error($"Links[{i}].Kind", "Välj vilken sorts länk det är.");
            if (string.IsNullOrWhiteSpace(l.Text)) Error($"Links[{i}].Text", "Skriv länkens text, till exempel ”Läs mer om projektet”.");
            if (FieldRules.WebAddressProblem(l.Url) is { } urlProblem) Error($"Links[{i}].Url", urlProblem);
        }
        for (var i = 0; i < Identifiers.Count; i++)
            if (ExternalRegistries.All.All(r => r.Code != Identifiers[i].Registry)) Error($"Identifiers[{i}].Registry", "Välj register.");

        var (municipalities, unknown) = FieldRules.Municipalities(Municipalities, lookups.Municipalities);
        if (unknown.Count > 0) Error(nameof(Municipalities), FieldRules.UnknownMunicipalities(unknown, lookups.Municipalities));

        var places = new List<ProjectPlace>();
        foreach (var line in Split(Places, '\n'))
        {
            if (!ProjectPlace.TryParse(line, out var place, out var placeError)) Error(nameof(Places), placeError!);
            else if (places.Any(x => x.Name == place!.Name)) Error(nameof(Places), $"”{place!.Name}” står två gånger. Ta bort den ena raden.");
            else places.Add(place!);
        }

        var goalAreas = lookups.GoalAreasOf(PublisherId);
        if (GoalAreaIds.Any(id => goalAreas.All(g => g.Id != id))) Error(nameof(GoalAreaIds), "Målområdet hör inte till den valda organisationens strategi.");
        if (DirectionGoalIds.Any(id => goalAreas.SelectMany(g => g.DirectionGoals).All(d => d.Id != id)))
            Error(nameof(DirectionGoalIds), "Inriktningsmålet hör inte till den valda organisationens strategi.");

        var indicators = lookups.IndicatorsOf(PublisherId);
        var results = new List<(int, long?, long?)>();
        for (var i = 0; i < Results.Count; i++)
        {
            var r = Results[i];
            var indicator = indicators.Find(x => x.Id == r.IndicatorId);
            if (r.IndicatorId is null) Error($"Results[{i}].IndicatorId", "Välj vilken indikator värdena gäller.");
            else if (indicator is null) Error($"Results[{i}].IndicatorId", "Indikatorn hör inte till den valda organisationens indikatorer. Välj en ur listan.");
            else if (Results.FindIndex(x => x.IndicatorId == r.IndicatorId) is var first && first < i)
                Error($"Results[{i}].IndicatorId", $"Indikatorn ”{indicator.Name}” står redan på rad {first + 1}. Ta bort den ena raden.");
            if (FieldRules.IndicatorValue(r.Planned, out var planned) is { } plannedProblem) Error($"Results[{i}].Planned", plannedProblem);
            if (FieldRules.IndicatorValue(r.Achieved, out var achieved) is { } achievedProblem) Error($"Results[{i}].Achieved", achievedProblem);
            results.Add((r.IndicatorId ?? 0, planned, achieved));
        }

        if (errors.ErrorCount > 0) return null;
        return new Parsed(slug, status, statusDate, start, end, budget, partners, financiers, municipalities, places, results);

        PartialDate? Date(string field, string? text)
        {
            if (FieldRules.DateAtPrecision(text, out var date) is { } problem) Error(field, problem);
            return date;
        }

        Money? MoneyOf(string amountField, string currencyField, string? amount, string? currency)
        {
            if (FieldRules.Money(amount, currency, out var money) is { } wrong)
                Error(wrong.Field == FieldRules.MoneyField.Amount ? amountField : currencyField, wrong.Problem);
            return money;
        }
    }

    public sealed record ParsedFinancier(
        int OrganisationId, Contribution Contribution, Money? Amount, decimal? Hours, Money? HourlyRate, string? Reference, string? Note);

    public sealed record Parsed(
        string Slug, ProjectStatus Status, DateOnly? StatusDate, PartialDate? Start, PartialDate? End, Money? Budget,
        List<(int OrganisationId, string? Role, Money? Share)> Partners,
        List<ParsedFinancier> Financiers,
        List<Municipality> Municipalities,
        List<ProjectPlace> Places,
        List<(int IndicatorId, long? Planned, long? Achieved)> Results);
}
