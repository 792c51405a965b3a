namespace Guard.OpenClaw.GatewayLog;

/// <summary>What one gateway log line says: per-model evidence, and whether it is an "All models failed" summary.</summary>
public sealed record GatewayLogEntry(DateTimeOffset At, IReadOnlyList<GatewayEvidence> Evidence, bool AllModelsFailed, int? FailedCount)
{
    /// <summary>
    /// Why the gateway gave up on a turn without trying every model (the idle-timeout circuit breaker, "Request failed
    /// after repeated internal retries"): a chain failure as real as "All models failed", which a hang never logs.
    /// </summary>
    public string? ChainStopped { get; init; }

    /// <summary>Cooldown or disabled windows the gateway just set on a provider's credentials.</summary>
    public IReadOnlyList<ProviderCooldown> Cooldowns { get; init; } = [];

    /// <summary>The turn failed as a whole: every candidate failed, or the chain was stopped.</summary>
    public bool ChainFailed => AllModelsFailed || ChainStopped is not null;
}
