using System.Runtime.Loader;

/// <summary>
/// Runs before the app's Main when this assembly is named in DOTNET_STARTUP_HOOKS. The hosting startup
/// (<see cref="ProjectRegistry.Bench.StaticBaseline"/>) is loaded by assembly name, and this assembly is not
/// in the published app's deps.json, so its name is resolved here. The runtime looks for exactly this class
/// name, without a namespace.
/// </summary>
#pragma warning disable CA1050
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize()
    {
        var self = typeof(StartupHook).Assembly;
        AssemblyLoadContext.Default.Resolving += (_, name) => name.Name == self.GetName().Name ? self : null;
    }
}
