namespace Guard.OpenClaw.GatewayLog;

/// <summary>What one gateway log line says: per-model evidence, and whether it is an "All models failed" summary.</summary>
public sealed record GatewayLogEntry(DateTimeOffset At, IReadOnlyList<GatewayEvidence> Evidence, bool AllModelsFailed, int? FailedCount);
