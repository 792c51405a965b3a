namespace Guard.Quota;

/// <summary><c>guard quota --json</c>: when it was evaluated and every row.</summary>
public sealed record QuotaJsonReport(DateTimeOffset At, DateTimeOffset? LastCheck, long MalformedTranscriptLines, IReadOnlyList<QuotaJsonRow> Models);
