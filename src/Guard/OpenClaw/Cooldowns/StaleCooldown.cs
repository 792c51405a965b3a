namespace Guard.OpenClaw.Cooldowns;

/// <summary>OpenClaw keeps <see cref="ProfileId"/> in cooldown or disabled although Guard's probe of <see cref="ModelId"/> succeeds.</summary>
public sealed record StaleCooldown(string ProfileId, string Provider, string ModelId, string State, string? Reason, DateTimeOffset Until, DateTimeOffset ProbeOkAt)
{
    public string Fingerprint => $"StaleCooldown|{ProfileId}";

    public string Describe() =>
        $"OpenClaw keeps auth profile {ProfileId} {State} until {Until.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({Reason ?? "no reason given"}), " +
        $"but Guard's probe of {ModelId} succeeded at {ProbeOkAt.UtcDateTime:HH:mm:ss}Z: the gateway skips a working model " +
        "(`openclaw models auth login` for that provider clears it; a restart does not)";
}
