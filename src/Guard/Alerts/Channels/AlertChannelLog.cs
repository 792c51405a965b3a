using Guard.Configuration;
using Microsoft.Extensions.Logging;

namespace Guard.Alerts.Channels;

/// <summary>Alert channel log records (event ids 4000-4049, never reused). Endpoints appear only as scheme://host/***.</summary>
internal static partial class AlertChannelLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information,
        Message = "Alert {MessageId} delivered via {Channel} ({Type}) to {Endpoint} in {ElapsedMs} ms")]
    public static partial void Delivered(this ILogger logger, string messageId, string channel, AlertChannelType type, string endpoint, long elapsedMs);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "Alert {MessageId} not delivered via {Channel} ({Type}) to {Endpoint}, will retry: {Detail} (HTTP {HttpStatus}, code {ChannelCode}, retry after {RetryAfter}, {ElapsedMs} ms)")]
    public static partial void TransientFailure(
        this ILogger logger, string messageId, string channel, AlertChannelType type, string endpoint, string? detail, int? httpStatus,
        string? channelCode, TimeSpan? retryAfter, long elapsedMs);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error,
        Message = "Alert {MessageId} rejected by {Channel} ({Type}) at {Endpoint}; retrying cannot help: {Detail} (HTTP {HttpStatus}, code {ChannelCode}, {ElapsedMs} ms)")]
    public static partial void PermanentFailure(
        this ILogger logger, string messageId, string channel, AlertChannelType type, string endpoint, string? detail, int? httpStatus,
        string? channelCode, long elapsedMs);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information,
        Message = "Alert {MessageId} held back for {Channel}: Guard's own rate limit ({Limit}); next slot in {RetryAfter}")]
    public static partial void HeldBack(this ILogger logger, string messageId, string channel, string limit, TimeSpan retryAfter);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "Alert channel {Channel} ({Type}) cannot send: {Problem}")]
    public static partial void Misconfigured(this ILogger logger, string channel, AlertChannelType type, string problem);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning,
        Message = "Alert command for {Channel} did not finish within {Timeout}; killed it (pid {ProcessId})")]
    public static partial void CommandKilled(this ILogger logger, string channel, TimeSpan timeout, int processId);
}
