namespace Guard.State;

/// <summary>The gateway unit as the last health check saw it (for <c>guard status</c> and the post-mortem).</summary>
public sealed class GatewayState
{
    public string? Unit { get; set; }

    /// <summary><c>active</c>, <c>inactive</c>, <c>failed</c>, <c>activating</c>, …; null when the unit could not be read.</summary>
    public string? ActiveState { get; set; }

    public string? SubState { get; set; }

    /// <summary>systemd's service result (<c>success</c>, <c>exit-code</c>, <c>start-limit-hit</c>, …).</summary>
    public string? Result { get; set; }

    public int? ExecMainStatus { get; set; }

    /// <summary>Whether the health URL answered on the last check; null when not configured or not checked.</summary>
    public bool? HealthUrlOk { get; set; }

    public int ConsecutiveHealthFailures { get; set; }

    /// <summary>Why the unit or URL is not healthy ("no such unit", "HTTP 503"); null when healthy.</summary>
    public string? Problem { get; set; }

    public DateTimeOffset? LastCheck { get; set; }
}
