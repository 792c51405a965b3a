using Microsoft.Extensions.Logging;

namespace Guard.OpenClaw;

/// <summary>Log messages of the OpenClaw integration (event ids 6000–6099).</summary>
internal static partial class OpenClawLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "OpenClaw discovery via {Method}: chain {Chain}")]
    public static partial void Discovered(this ILogger logger, string method, string chain);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "OpenClaw discovery: {Problem}")]
    public static partial void DiscoveryProblem(this ILogger logger, string problem);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "OpenClaw configuration changed; chain now {Chain}")]
    public static partial void Rediscovered(this ILogger logger, string chain);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Following the gateway log {Path}")]
    public static partial void FollowingLog(this ILogger logger, string path);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "Gateway reports {ModelId} failed ({Kind}, reason {Reason}, HTTP {Status}) in {Event}: {Message}")]
    public static partial void GatewayFailure(this ILogger logger, string modelId, Guard.Probing.FailureKind? kind, string? reason, int? status, string @event, string? message);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Warning, Message = "Gateway log: All models failed ({Count} in the last {Window})")]
    public static partial void AllModelsFailed(this ILogger logger, int count, TimeSpan window);

    [LoggerMessage(EventId = 6020, Level = LogLevel.Warning, Message = "Gateway stuck: {Reason}; asking for a restart")]
    public static partial void GatewayStuck(this ILogger logger, string reason);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Warning, Message = "Gateway stuck restart request ended with {Decision}")]
    public static partial void GatewayStuckDecision(this ILogger logger, Guard.Recovery.RecoveryDecision decision);

    [LoggerMessage(EventId = 6030, Level = LogLevel.Warning, Message = "Stale cooldown: OpenClaw keeps {ProfileId} {State} until {Until} ({Reason}) although Guard's probe of {ModelId} succeeds")]
    public static partial void StaleCooldown(this ILogger logger, string profileId, string state, DateTimeOffset until, string? reason, string modelId);

    [LoggerMessage(EventId = 6040, Level = LogLevel.Information, Message = "HEARTBEAT.md: Guard section {Action} ({Path})")]
    public static partial void HeartbeatWritten(this ILogger logger, string action, string path);

    [LoggerMessage(EventId = 6041, Level = LogLevel.Warning, Message = "HEARTBEAT.md could not be updated ({Path})")]
    public static partial void HeartbeatFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 6050, Level = LogLevel.Warning, Message = "Fallback order {Action}: {From} → {To} ({Why})")]
    public static partial void Reordered(this ILogger logger, string action, string from, string to, string why);

    [LoggerMessage(EventId = 6051, Level = LogLevel.Error, Message = "Fallback order change failed: {Problem}")]
    public static partial void ReorderFailed(this ILogger logger, string problem);
}
