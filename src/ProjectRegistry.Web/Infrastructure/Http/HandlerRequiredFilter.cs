using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ProjectRegistry.Web.Infrastructure.Http;

/// <summary>
/// A POST (or any other write) that matches none of a page's handlers, because it names no handler or an unknown
/// one, would otherwise render the page without running any code to load its data: a NullReferenceException in
/// the view and a 500. Such a request is malformed, so the answer is 400 (with the Swedish error page).
/// Applied to the admin folder only: the error page itself has no POST handler and is re-executed for a failed POST.
/// </summary>
public sealed class HandlerRequiredFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        // A page without OnGet still renders for GET (static pages); only a write needs a handler to mean anything.
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new BadRequestResult();
            return;
        }
        await next();
    }
}
