using Microsoft.Extensions.Logging;

namespace Guard.Alerts.Channels.OpenClaw;

/// <summary>OpenClaw alert channel records (event ids 8800-8809, alerts block).</summary>
internal static partial class OpenClawChannelLog
{
    [LoggerMessage(EventId = 8800, Level = LogLevel.Warning,
        Message = "Alert {MessageId} via {Channel} (openclaw message send --channel {ChatChannel}) failed ({Failure}): {Detail}; sending through fallback {Fallback}")]
    public static partial void UsingFallback(this ILogger logger, string messageId, string channel, string chatChannel, OpenClawSendFailure failure, string? detail, string fallback);

    [LoggerMessage(EventId = 8801, Level = LogLevel.Information,
        Message = "Alert {MessageId} via {Channel}: the gateway is known to be down ({Why}); sending through fallback {Fallback} without calling openclaw")]
    public static partial void GatewayKnownDown(this ILogger logger, string messageId, string channel, string why, string fallback);

    [LoggerMessage(EventId = 8802, Level = LogLevel.Error,
        Message = "OpenClaw alert channel {Channel} is misconfigured ({Failure}): {Detail}; alerts reach the owner only through its fallback {Fallback} until it is fixed")]
    public static partial void Misconfigured(this ILogger logger, string channel, OpenClawSendFailure failure, string? detail, string fallback);

    [LoggerMessage(EventId = 8803, Level = LogLevel.Information,
        Message = "Alert {MessageId} via {Channel}: delivered by fallback {Fallback}")]
    public static partial void FallbackDelivered(this ILogger logger, string messageId, string channel, string fallback);

    [LoggerMessage(EventId = 8804, Level = LogLevel.Warning,
        Message = "Alert {MessageId} via {Channel}: fallback {Fallback} failed too: {Detail}")]
    public static partial void FallbackFailed(this ILogger logger, string messageId, string channel, string fallback, string? detail);
}
