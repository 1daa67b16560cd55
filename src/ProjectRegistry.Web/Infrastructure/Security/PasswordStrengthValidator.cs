using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>
/// Estimates how quickly a password falls to a guesser who knows keyboard walks (qwertyuiopas), sequences,
/// repeats, dates, l33t and common words, with the site's own words and the account's e-mail as words it
/// knows too (zxcvbn). A score under 3 (fewer than about 10^8 guesses) is refused with the reason in Swedish.
/// The length rule and <see cref="CommonPasswordValidator"/> stay: they give the plainer message first.
/// </summary>
public sealed class PasswordStrengthValidator(IOptions<SiteOptions> site) : IPasswordValidator<StaffUser>
{
    public const int MinimumScore = 3;

    /// <summary>Words anyone attacking this site would try first.</summary>
    private static readonly string[] SiteWords =
        ["projektregistret", "projektregister", "projekt", "registret", "register", "leader", "polaris", "admin", "lösenord", "losenord", "personal"];

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        // Too short, empty or on the list is the other rules' to say; an estimate would only add a second message.
        if (string.IsNullOrEmpty(password) || password.Length < manager.Options.Password.RequiredLength
            || CommonPasswordValidator.IsWeak(password, user.Email))
            return Task.FromResult(IdentityResult.Success);
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, UserInputs(site.Value.Name, user.Email ?? user.UserName));
        if (result.Score >= MinimumScore) return Task.FromResult(IdentityResult.Success);
        return Task.FromResult(IdentityResult.Failed(new IdentityError
        {
            Code = "WeakPassword",
            Description = string.Join(' ', Reasons(result.MatchSequence)
                .Prepend("Lösenordet är för lätt att gissa.")
                .Append("Välj en längre fras av några ord som inte hör ihop, gärna med ett eget stavfel.")),
        }));
    }

    internal static IEnumerable<string> UserInputs(string siteName, string? email)
    {
        var words = new List<string>(SiteWords) { siteName };
        words.AddRange(Words(siteName));
        if (!string.IsNullOrWhiteSpace(email))
        {
            words.Add(email);
            words.AddRange(Words(email));
        }
        return words.Select(w => w.ToLowerInvariant()).Where(w => w.Length >= 3).Distinct();
    }

    private static string[] Words(string text) =>
        text.Split([' ', '@', '.', '-', '_', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>What made it guessable, in the reader's terms (the zxcvbn library's own feedback is English only).</summary>
    private static IEnumerable<string> Reasons(IEnumerable<Zxcvbn.Match> matches)
    {
        var seen = new HashSet<string>();
        foreach (var match in matches)
        {
            var reason = match.Pattern switch
            {
                "spatial" => "Tecken i rad på tangentbordet (som qwerty eller asdf) gissas tidigt.",
                "repeat" => "Upprepningar (som aaa eller abcabc) gör det inte svårare att gissa.",
                "sequence" => "Följder som abc eller 1234 gissas tidigt.",
                "digits" => null,
                "year" or "date" => "Årtal och datum gissas tidigt.",
                "dictionary" when (match as Zxcvbn.Matcher.DictionaryMatch)?.DictionaryName == "user_inputs"
                    => "Det innehåller webbplatsens namn eller delar av din e-postadress.",
                "dictionary" => "Vanliga ord, namn och lösenord gissas tidigt, även med siffror eller tecken i stället för bokstäver.",
                _ => null,
            };
            if (reason is not null && seen.Add(reason)) yield return reason;
        }
    }
}
