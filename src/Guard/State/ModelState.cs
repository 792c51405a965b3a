using Guard.Probing;

namespace Guard.State;

/// <summary>
/// One model's persisted health. The first three properties keep the seed script's field names
/// (<c>consecutive_failures</c>, <c>last_available</c>, <c>last_error</c>) so its readers keep working.
/// </summary>
public sealed class ModelState
{
    public int ConsecutiveFailures { get; set; }

    /// <summary>Last time the model answered successfully.</summary>
    public DateTimeOffset? LastAvailable { get; set; }

    /// <summary>Short, secret-free message of the last failure; null after a success.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? LastCheck { get; set; }

    public ModelHealth Health { get; set; }

    /// <summary>What the gateway's own log and transcripts last said about this model; null until they said anything.</summary>
    public GatewayObservations? Gateway { get; set; }

    /// <summary>Why the model is <see cref="ModelHealth.Unknown"/> (not probed: no key Guard can read…); null otherwise.</summary>
    public string? UnknownReason { get; set; }

    public FailureKind? LastFailureKind { get; set; }

    /// <summary>HTTP status of the last probe; null when no response arrived.</summary>
    public int? LastStatus { get; set; }

    public DateTimeOffset? LastSuccess { get; set; }

    public DateTimeOffset? LastFailure { get; set; }

    /// <summary>How often each kind was seen since the state file was created.</summary>
    public Dictionary<FailureKind, int> FailureCounts { get; set; } = [];

    /// <summary>Do not probe before this time (provider's retry hint).</summary>
    public DateTimeOffset? RetryAfterUntil { get; set; }

    /// <summary>When the provider says the quota or limit resets.</summary>
    public DateTimeOffset? ResetAt { get; set; }

    /// <summary>Start of an unbroken run of 429s, so persistent rate limits can be escalated.</summary>
    public DateTimeOffset? RateLimitedSince { get; set; }

    public DateTimeOffset? LastDeepProbe { get; set; }

    /// <summary>Kind of the last 1-token probe's failure; null when it succeeded. Reach probes cannot clear it.</summary>
    public FailureKind? DeepFailureKind { get; set; }

    public double? LastLatencyMs { get; set; }
}
