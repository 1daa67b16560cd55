using Microsoft.AspNetCore.Identity;
using ProjectRegistry.Web.Domain;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>
/// OWASP ASVS 5.0 asks for long passwords without composition rules, checked against common passwords.
/// Refuses a password that is a common one, a common one padded with digits and punctuation
/// ("sommar2024!!!!"), one character repeated, or the account's own e-mail name.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<StaffUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success);
        return Task.FromResult(IsWeak(password, user.Email)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "Lösenordet är för vanligt eller för lätt att gissa. Välj en längre fras med egna ord.",
            })
            : IdentityResult.Success);
    }

    internal static bool IsWeak(string password, string? email = null)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (lower.Distinct().Count() <= 2) return true;
        if (Common.Value.Contains(lower)) return true;
        var core = lower.Trim(" 0123456789!?.,-_@#$%&*+=/\\".ToCharArray());
        if (core.Length == 0 || (core.Length >= 3 && Common.Value.Contains(core))) return true;
        var local = email?.Split('@')[0].ToLowerInvariant();
        return local is { Length: >= 4 } && lower.Contains(local, StringComparison.Ordinal) && lower.Length - local.Length < 8;
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list of common passwords is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) set.Add(line.ToLowerInvariant());
        return set;
    }
}
