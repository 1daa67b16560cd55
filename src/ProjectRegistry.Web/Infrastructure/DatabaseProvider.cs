namespace ProjectRegistry.Web.Infrastructure;

/// <summary>The database engines the registry runs on (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the app: the default, and what the README's run command uses.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for several web nodes sharing one database.</summary>
    Postgres,
}
