using Microsoft.Extensions.Logging;

namespace Guard.Metrics;

/// <summary>Metrics area messages; event ids 7000-7099 (shared with packaging), never reused.</summary>
internal static partial class MetricsLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Prometheus metrics at {Url}")]
    public static partial void EndpointListening(ILogger logger, string url);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Error,
        Message = "Prometheus metrics endpoint {Host}:{Port} could not be opened ({Reason}); Guard runs on without it. Pick a free Guard:Metrics:Port")]
    public static partial void EndpointFailed(ILogger logger, string host, int port, string reason);
}
