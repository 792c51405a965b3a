namespace Guard.OpenClaw.Discovery;

/// <summary>
/// OpenClaw's runtime state for one auth profile (<c>usageStats</c>, or <c>openclaw models status --json</c> →
/// <c>auth.unusableProfiles</c>, which also names the <see cref="Provider"/>): cooldown and disable windows.
/// </summary>
public sealed record ProfileUsage(
    string ProfileId,
    DateTimeOffset? CooldownUntil,
    string? CooldownReason,
    string? CooldownModel,
    DateTimeOffset? DisabledUntil,
    string? DisabledReason,
    int ErrorCount,
    string? Provider = null);
