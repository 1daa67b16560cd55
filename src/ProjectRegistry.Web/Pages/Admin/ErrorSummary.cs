using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace ProjectRegistry.Web.Pages.Admin;

/// <summary>The entries of the shared _ErrorSummary partial, from a page's ModelState: each message with the id of its field.</summary>
public static class ErrorSummary
{
    public static IReadOnlyList<(string FieldId, string Message)> Of(ModelStateDictionary state) => state
        .Where(e => e.Value is { Errors.Count: > 0 })
        .SelectMany(e => e.Value!.Errors.Select(x => (TagBuilder.CreateSanitizedId(e.Key, "_"), x.ErrorMessage)))
        .ToList();
}
