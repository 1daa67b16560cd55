using Microsoft.AspNetCore.Identity;

namespace ProjectRegistry.Web.Domain;

/// <summary>A member of staff who keeps the registry up. Editors edit only their organisations' projects.</summary>
public class StaffUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }

    /// <summary>A disabled account cannot sign in; it is kept so that its history stays traceable.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>
    /// Set when the password was generated (a new account, a reset): someone else has seen it, so the account
    /// must choose its own before anything else.
    /// </summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The publishing organisations whose projects an editor may edit.</summary>
    public List<Organisation> Organisations { get; set; } = [];
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Editor = "Editor";

    public static readonly IReadOnlyList<string> All = [Admin, Editor];

    public static string Label(string role) => role == Admin ? "Administratör" : "Redaktör";
}
