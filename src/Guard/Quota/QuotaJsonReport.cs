namespace Guard.Quota;

/// <summary><c>guard quota --json</c>: when it was evaluated, from what, and every row.</summary>
public sealed record QuotaJsonReport(DateTimeOffset At, DateTimeOffset? LastCheck, long MalformedTranscriptLines, IReadOnlyList<QuotaJsonRow> Models)
{
    /// <summary><c>state</c> (the quota check of <c>guard run</c>) or <c>sources</c> (computed now from OpenClaw's transcripts).</summary>
    public string Computed { get; init; } = "state";

    public string? ComputedNote { get; init; }
}
