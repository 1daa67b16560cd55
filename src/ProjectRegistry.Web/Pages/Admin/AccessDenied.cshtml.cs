using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ProjectRegistry.Web.Pages.Admin;

public class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
