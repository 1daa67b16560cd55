namespace ProjectRegistry.Web.Domain;

/// <summary>
/// A type whose saved change can alter what the public sees (a page, a download, the API), so that saving it evicts
/// the public cache (PublicCache.IsPublic). Opt-in: a new entity without it is staff-only and a save of it leaves the
/// cache alone; PublicDataTests names every entity that has not been classified either way.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PublicDataAttribute : Attribute;
