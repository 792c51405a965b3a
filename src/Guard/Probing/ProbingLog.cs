using Guard.Configuration;
using Microsoft.Extensions.Logging;

namespace Guard.Probing;

/// <summary>Probing log records (event ids 2000-2199). One record per HTTP attempt, plus probes that could not run.</summary>
internal static partial class ProbingLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Probe {ModelId} {Tier} {Step} ok: {Provider} HTTP {HttpStatus} in {LatencyMs} ms (attempt {Attempt}, request id {RequestId})")]
    public static partial void StepSucceeded(
        this ILogger logger, string modelId, ProbeTier tier, string step, string provider, int? httpStatus, long latencyMs,
        int attempt, string? requestId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "Probe {ModelId} {Tier} {Step} failed: {Kind} from {Provider}, HTTP {HttpStatus} in {LatencyMs} ms (attempt {Attempt}, retry after {RetryAfter}, reset at {ResetAt}, request id {RequestId}, rule {Rule}): {Message}")]
    public static partial void StepFailed(
        this ILogger logger, string modelId, ProbeTier tier, string step, FailureKind kind, string provider, int? httpStatus,
        long latencyMs, int attempt, TimeSpan? retryAfter, DateTimeOffset? resetAt, string? requestId, string rule, string? message);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Probe {ModelId} {Tier} not run: {Kind}: {Message}")]
    public static partial void NotRun(this ILogger logger, string modelId, ProbeTier tier, FailureKind? kind, string message);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information,
        Message = "Probe {ModelId} retrying after attempt {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(this ILogger logger, string modelId, int attempt, long delayMs);
}
