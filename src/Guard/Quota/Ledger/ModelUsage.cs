namespace Guard.Quota.Ledger;

/// <summary>One model's usage buckets (oldest first) and its last failed turn.</summary>
public sealed class ModelUsage
{
    public List<UsageBucket> Buckets { get; set; } = [];

    public DateTimeOffset? LastErrorAt { get; set; }

    /// <summary>OpenClaw's <c>errorMessage</c> of the last failed turn, shortened.</summary>
    public string? LastError { get; set; }
}
