namespace ProjectRegistry.Tests.TestSupport;

/// <summary>"Now" that moves only when a test says so; registered as the app's TimeProvider (cookies read it too).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
