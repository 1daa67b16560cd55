namespace ProjectRegistry.BrowserTests;

/// <summary>
/// Where the browser tests may run. On a developer's machine without Chromium they are skipped with a
/// hint, so that a plain <c>dotnet test</c> passes; under CI=true a missing browser fails the run instead.
/// </summary>
public static class Chromium
{
    /// <summary>
    /// Debian's headless shell (package chromium-headless-shell) when it is there: the same Blink and V8 as the
    /// full browser without its window system, and it ran the accessibility and admin tests in 95 s of test time
    /// against 157 s for /usr/bin/chromium on this machine. The full browser otherwise.
    /// </summary>
    public static readonly string ExecutablePath =
        new[] { "/usr/bin/chromium-headless-shell", "/usr/bin/chromium" }.FirstOrDefault(File.Exists) ?? "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>
    /// Debian's Chromium, headless. Without the networking switches Chromium keeps calling home, which this machine's
    /// closed network refuses.
    /// </summary>
    public static Microsoft.Playwright.BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    };

    public static bool MustRun => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The skip reason, or null when the tests should run (and fail loudly if Chromium is missing).</summary>
    public static string? SkipReason => IsInstalled || MustRun
        ? null
        : $"Browser tests skipped: Chromium was not found at {ExecutablePath}. Install it with `sudo apt-get install chromium-headless-shell` (or `chromium`).";
}

// xunit 2 has no dynamic skip, so the attributes decide in their constructors.
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.SkipReason is { } reason) Skip = reason;
    }
}

public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (Chromium.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>Needs Chromium and the test SMTP server (python3-aiosmtpd); skipped with the reason when either is missing outside CI.</summary>
public sealed class BrowserMailTheoryAttribute : TheoryAttribute
{
    public BrowserMailTheoryAttribute()
    {
        if (Chromium.SkipReason is { } reason) Skip = reason;
        else if (!ProjectRegistry.Tests.TestSupport.SmtpServer.IsInstalled && !Chromium.MustRun)
            Skip = "python3-aiosmtpd saknas (apt-get install python3-aiosmtpd); .ci/run installerar det.";
    }
}
