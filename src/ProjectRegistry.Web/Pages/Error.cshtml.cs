using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProjectRegistry.Web.Infrastructure.Security;

namespace ProjectRegistry.Web.Pages;

/// <summary>The Swedish page behind every error status (re-executed by the status code and exception middleware).</summary>
// Re-executed with the failed request's method: a POST that failed (429 at sign-in, an admin POST over plain http)
// shows the same page, without the antiforgery check, which would itself fail or throw there.
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int? code)
    {
        Code = code ?? (Response.StatusCode >= 400 ? Response.StatusCode : 500);
        if (Code is < 400 or > 599) Code = 404;
        // Visited directly (/fel/404) rather than re-executed: answer with the status the page describes.
        if (Code is >= 400 and <= 599) Response.StatusCode = Code;
    }

    /// <summary>A failed POST (a refused form, an unknown handler) is re-executed here as a POST.</summary>
    public void OnPost(int? code) => OnGet(code);

    /// <summary>For a server error: the request id that every log line of the request carries.</summary>
    public string? Reference => Code >= 500 && Code != 503 ? HttpContext.TraceIdentifier : null;

    public string Heading => Code switch
    {
        404 => "Sidan finns inte",
        400 => "Begäran kunde inte förstås",
        403 when AdminNeedsHttps.WasRefused(HttpContext) => "Administrationen kräver HTTPS",
        403 => "Du har inte behörighet till sidan",
        405 => "Det går inte att göra så på den här sidan",
        413 => "Det du skickade är för stort",
        414 => "Adressen är för lång",
        429 => "För många förfrågningar",
        503 => "Tjänsten är hårt belastad just nu",
        >= 500 => "Något gick fel hos oss",
        _ => "Sidan kunde inte visas",
    };

    public string Explanation => Code switch
    {
        404 => "Adressen kan vara felstavad, eller så har sidan flyttats eller tagits bort.",
        403 when AdminNeedsHttps.WasRefused(HttpContext) =>
            "Inloggning och administration fungerar bara över en krypterad förbindelse. Öppna adressen med https:// i början, eller be den som sköter webbplatsen att sätta upp HTTPS.",
        413 => "Formuläret innehöll mer än sidan tar emot. Gå tillbaka, korta det du skrev och försök igen.",
        429 or 503 => "Vänta en stund och försök igen.",
        >= 500 => "Felet är loggat. Försök igen om en stund.",
        _ => "Kontrollera adressen och försök igen.",
    };
}
