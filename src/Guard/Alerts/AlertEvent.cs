namespace Guard.Alerts;

/// <summary>
/// A problem (or a one-off notice) as raised by an area, before rendering. Fingerprint: stable per problem,
/// e.g. "ModelDown|zhipu/glm-4.7" or "ChainDark|openclaw-gateway.service".
/// </summary>
public sealed record AlertEvent
{
    public required AlertEventKind Kind { get; init; }

    public required AlertSeverity Severity { get; init; }

    public required string Fingerprint { get; init; }

    public required DateTimeOffset At { get; init; }

    public string? Model { get; init; }

    /// <summary>Failure kind name (e.g. "QuotaExhausted") when one applies.</summary>
    public string? FailureKind { get; init; }

    /// <summary>Short concrete detail ("HTTP 429, resets 2026-02-13 08:00 UTC").</summary>
    public string? Detail { get; init; }

    /// <summary>When the problem may clear by itself (retry-after, quota reset).</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>For grouped events (ChainDark): one line per model.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    /// <summary>True for notices that have no resolved state (GatewayRestarted, RestartSkipped).</summary>
    public bool OneShot { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Fingerprint of a grouped alert (e.g. "ChainDark") whose message already announced this problem: it is recorded
    /// as firing (alert file, resolve rules) but sends no notice of its own.
    /// </summary>
    public string? GroupedInto { get; init; }
}
