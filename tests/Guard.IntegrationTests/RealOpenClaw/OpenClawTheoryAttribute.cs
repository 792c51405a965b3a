namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>A theory over <see cref="OpenClawReleases"/> that needs the real test bed; skips with the reason when it cannot run.</summary>
public sealed class OpenClawTheoryAttribute : TheoryAttribute
{
    public OpenClawTheoryAttribute()
    {
        if (OpenClawAvailability.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
