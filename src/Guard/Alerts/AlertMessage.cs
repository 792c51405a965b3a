namespace Guard.Alerts;

/// <summary>
/// One rendered notification, channel-independent. <see cref="Id"/> is unique per notification (and stable across
/// retries, so receivers can de-duplicate); <see cref="Fingerprint"/> is stable per alert (same problem, same value).
/// </summary>
public sealed record AlertMessage
{
    public required string Id { get; init; }

    public required string Fingerprint { get; init; }

    public required AlertEventKind Kind { get; init; }

    public required AlertSeverity Severity { get; init; }

    public required AlertStatus Status { get; init; }

    /// <summary>Short headline, e.g. "🚨 模型链全部不可用 ChainDark".</summary>
    public required string Title { get; init; }

    /// <summary>Plain-text body (several short lines); channels may format it (card, markdown) but never add secrets.</summary>
    public required string Text { get; init; }

    /// <summary>Stable key/values: alertname, model, kind, unit, severity… (Alertmanager labels).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>Set when resolved.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>A test message from <c>guard test-alert</c>; channels mark it clearly.</summary>
    public bool IsTest { get; init; }
}
