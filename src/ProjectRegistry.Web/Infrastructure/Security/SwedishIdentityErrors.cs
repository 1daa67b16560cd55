using Microsoft.AspNetCore.Identity;

namespace ProjectRegistry.Web.Infrastructure.Security;

/// <summary>Identity's messages in Swedish, for the staff who read them.</summary>
public sealed class SwedishIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Lösenordet måste ha minst {length} tecken. En fras av flera ord är lätt att minnas." };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = $"Det finns redan ett konto med e-postadressen {email}." };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"Det finns redan ett konto med e-postadressen {userName}." };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = $"”{email}” är ingen giltig e-postadress." };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = $"”{userName}” kan inte användas som användarnamn." };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Fel lösenord." };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = "Kontot ändrades samtidigt av någon annan. Försök igen." };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = "Något gick fel. Försök igen." };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "Koden är ogiltig eller för gammal." };

    public override IdentityError UserLockoutNotEnabled() =>
        new() { Code = nameof(UserLockoutNotEnabled), Description = "Kontot kan inte spärras." };

    public override IdentityError UserAlreadyInRole(string role) =>
        new() { Code = nameof(UserAlreadyInRole), Description = $"Kontot har redan rollen {role}." };

    public override IdentityError UserNotInRole(string role) =>
        new() { Code = nameof(UserNotInRole), Description = $"Kontot har inte rollen {role}." };
}
