using ProjectRegistry.Tests.TestSupport;

namespace ProjectRegistry.Tests;

/// <summary>One seeded app shared by the page tests: starting it (migrate + import) is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class SeededApp : ICollectionFixture<RegistryAppFactory>
{
    public const string Name = "Seeded app";
}
