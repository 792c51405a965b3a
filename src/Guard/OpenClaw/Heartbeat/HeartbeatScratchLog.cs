using Microsoft.Extensions.Logging;

namespace Guard.OpenClaw.Heartbeat;

/// <summary>Monitor-scratch heartbeat records (event ids 8810-8819, alerts block).</summary>
internal static partial class HeartbeatScratchLog
{
    [LoggerMessage(EventId = 8810, Level = LogLevel.Information, Message = "Heartbeat section {Action} in the monitor scratch of OpenClaw job {JobId}")]
    public static partial void ScratchWritten(this ILogger logger, string action, string jobId);

    [LoggerMessage(EventId = 8811, Level = LogLevel.Warning, Message = "Could not update Guard's heartbeat section in OpenClaw's monitor scratch: {Problem}")]
    public static partial void ScratchFailed(this ILogger logger, string problem);
}
