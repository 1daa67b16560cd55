using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProjectRegistry.Web.Data;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>
/// Estimates how quickly a password falls to a guesser who knows keyboard walks (qwertyuiopas), sequences,
/// repeats, dates, l33t and common words, with the site's own words and the account's e-mail as words it
/// knows too (zxcvbn), and the Swedish its English dictionaries lack: common words with their inflections, the
/// seasons and months (<see cref="SwedishPasswordWords"/>), the 290 municipalities, the counties and the registry's
/// organisations ("Sommaren2026!", "Kiruna2026!!!", "Norrbotten2026"). A score under 3 (fewer than about 10^8
/// guesses) is refused with the reason in Swedish.
/// The length rule and <see cref="CommonPasswordValidator"/> stay: they give the plainer message first.
/// </summary>
public sealed class PasswordStrengthValidator(IOptions<SiteOptions> site, RegistryDbContext db) : IPasswordValidator<StaffUser>
{
    public const int MinimumScore = 3;

    /// <summary>At most this many organisation names are words too: enough for every real registry, bounded for a huge one.</summary>
    private const int MaxOrganisationNames = 5_000;

    /// <summary>Words anyone attacking this site would try first.</summary>
    private static readonly string[] SiteWords =
        ["projektregistret", "projektregister", "projekt", "registret", "register", "leader", "polaris", "admin", "lösenord", "losenord", "personal"];

    public async Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        // Too short, empty or on the list is the other rules' to say; an estimate would only add a second message.
        if (string.IsNullOrEmpty(password) || password.Length < manager.Options.Password.RequiredLength
            || CommonPasswordValidator.IsWeak(password, user.Email))
            return IdentityResult.Success;
        var own = UserInputs(site.Value.Name, user.Email ?? user.UserName).ToList();
        var swedish = await SwedishWordsAsync();
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, own.Concat(swedish).Distinct());
        if (result.Score >= MinimumScore) return IdentityResult.Success;
        return IdentityResult.Failed(new IdentityError
        {
            Code = "WeakPassword",
            Description = string.Join(' ', Reasons(result.MatchSequence, own.ToHashSet())
                .Prepend("Lösenordet är för lätt att gissa.")
                .Append("Välj en längre fras av några ord som inte hör ihop, gärna med ett eget stavfel.")),
        });
    }

    /// <summary>The common words first, then the places and the organisations, each name in its password forms.</summary>
    private async Task<IEnumerable<string>> SwedishWordsAsync()
    {
        var places = await db.Municipalities.AsNoTracking().Select(m => new { m.Name, m.CountyName }).ToListAsync();
        var organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Id).Select(o => o.Name)
            .Take(MaxOrganisationNames).ToListAsync();
        var names = places.Select(p => p.Name).Concat(places.Select(p => p.CountyName).Distinct()).Concat(organisations);
        return SwedishPasswordWords.Common.Concat(names.SelectMany(SwedishPasswordWords.NameForms));
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
    private static IEnumerable<string> Reasons(IEnumerable<Zxcvbn.Match> matches, HashSet<string> own)
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
                "dictionary" when match is Zxcvbn.Matcher.DictionaryMatch { DictionaryName: "user_inputs" } word && own.Contains(word.MatchedWord)
                    => "Det innehåller webbplatsens namn eller delar av din e-postadress.",
                "dictionary" when match is Zxcvbn.Matcher.DictionaryMatch { DictionaryName: "user_inputs" }
                    => "Vanliga svenska ord, årstider, månader, orter och organisationers namn gissas tidigt, även med årtal eller tecken efter.",
                "dictionary" => "Vanliga ord, namn och lösenord gissas tidigt, även med siffror eller tecken i stället för bokstäver.",
                _ => null,
            };
            if (reason is not null && seen.Add(reason)) yield return reason;
        }
    }
}
