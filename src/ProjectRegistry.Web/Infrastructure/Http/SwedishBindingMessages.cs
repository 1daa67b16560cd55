using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace ProjectRegistry.Web.Infrastructure.Http;

/// <summary>Model binding's own messages (a number field given letters, a missing value) in Swedish.</summary>
public static class SwedishBindingMessages
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetAttemptedValueIsInvalidAccessor((value, field) => $"”{value}” är inte ett giltigt värde för {field}.");
        p.SetMissingBindRequiredValueAccessor(field => $"Värdet för {field} saknas.");
        p.SetMissingKeyOrValueAccessor(() => "Ett värde saknas.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Formuläret var tomt.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"”{value}” är inte ett giltigt värde.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Värdet är ogiltigt.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Värdet måste vara ett tal.");
        p.SetUnknownValueIsInvalidAccessor(field => $"Värdet för {field} är ogiltigt.");
        p.SetValueIsInvalidAccessor(value => $"”{value}” är ogiltigt.");
        p.SetValueMustBeANumberAccessor(field => $"{field} måste vara ett tal.");
        p.SetValueMustNotBeNullAccessor(value => $"Ett värde måste anges.");
    }
}
