namespace ProjectRegistry.Web.Domain;

/// <summary>One e-mail rule for staff accounts, contacts and seed files alike: a name, an @ and a domain with a dot.</summary>
public static class EmailAddress
{
    public static bool IsValid(string? s)
    {
        if (s is null) return false;
        s = s.Trim();
        var at = s.IndexOf('@');
        return s.Length <= 254 && at > 0 && at == s.LastIndexOf('@') && at < s.Length - 3
            && s.IndexOf('.', at) > at + 1 && !s.EndsWith('.') && !s.Any(char.IsWhiteSpace);
    }
}
