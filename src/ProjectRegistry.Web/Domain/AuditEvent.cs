namespace ProjectRegistry.Web.Domain;

/// <summary>A security-relevant event: sign-ins, failed sign-ins and account changes. Admins read them.</summary>
public class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public AuditKind Kind { get; set; }

    /// <summary>The account the event concerns (the e-mail tried, for a failed sign-in).</summary>
    public string? Subject { get; set; }

    /// <summary>Who did it, when it was someone else (an admin disabling an account).</summary>
    public string? Actor { get; set; }
    public string? IpAddress { get; set; }
    public string? Detail { get; set; }
}

public enum AuditKind
{
    SignedIn = 0,
    SignInFailed = 1,
    LockedOut = 2,
    SignedOut = 3,
    AccountCreated = 4,
    AccountDisabled = 5,
    AccountEnabled = 6,
    PasswordReset = 7,
    PasswordChanged = 8,
    RoleChanged = 9,
    OrganisationsChanged = 10,
    TwoFactorEnabled = 11,
    TwoFactorDisabled = 12,
    SignInDisabledAccount = 13,
    InvitationSent = 14,
    PasswordSetFromLink = 15,
    PasswordResetRequested = 16,
    OrganisationConfirmed = 17,
    OrganisationMerged = 18,
    ProjectDeleted = 19,
    ProjectUndeleted = 20,
}

public static class AuditKinds
{
    public static string Label(this AuditKind kind) => kind switch
    {
        AuditKind.SignedIn => "Inloggning",
        AuditKind.SignInFailed => "Misslyckad inloggning",
        AuditKind.LockedOut => "Kontot spärrat efter för många försök",
        AuditKind.SignedOut => "Utloggning",
        AuditKind.AccountCreated => "Konto skapat",
        AuditKind.AccountDisabled => "Konto inaktiverat",
        AuditKind.AccountEnabled => "Konto aktiverat igen",
        AuditKind.PasswordReset => "Lösenord återställt",
        AuditKind.PasswordChanged => "Lösenord bytt",
        AuditKind.RoleChanged => "Roll ändrad",
        AuditKind.OrganisationsChanged => "Organisationer ändrade",
        AuditKind.TwoFactorEnabled => "Tvåstegsverifiering påslagen",
        AuditKind.TwoFactorDisabled => "Tvåstegsverifiering avslagen",
        AuditKind.SignInDisabledAccount => "Inloggningsförsök med inaktiverat konto",
        AuditKind.InvitationSent => "Inbjudan skickad",
        AuditKind.PasswordSetFromLink => "Lösenord valt via länk",
        AuditKind.PasswordResetRequested => "Nytt lösenord begärt",
        AuditKind.OrganisationConfirmed => "Ny organisation godkänd",
        AuditKind.OrganisationMerged => "Organisationer sammanslagna",
        AuditKind.ProjectDeleted => "Projekt borttaget",
        AuditKind.ProjectUndeleted => "Projekt tillbaka ur Borttagna projekt",
        _ => kind.ToString(),
    };
}
