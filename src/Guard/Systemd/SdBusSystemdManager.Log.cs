using Microsoft.Extensions.Logging;

namespace Guard.Systemd;

/// <summary>Log messages of <see cref="SdBusSystemdManager"/>; event ids 3000-3099 belong to Systemd.</summary>
public sealed partial class SdBusSystemdManager
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "systemd {Operation} for {Subject}: no bus: {Reason}")]
    private static partial void LogNoBus(ILogger logger, string operation, string subject, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "systemd {Operation} for {Subject} failed ({Kind}): {Reason}")]
    private static partial void LogCallFailed(ILogger logger, string operation, string subject, SystemdErrorKind kind, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Restart of {Unit} queued (mode {Mode}) as job {JobPath}")]
    private static partial void LogRestartQueued(ILogger logger, string unit, string mode, string jobPath);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Job {JobPath} for {Unit} finished: {Result}")]
    private static partial void LogJobFinished(ILogger logger, string jobPath, string unit, string result);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Job {JobPath} did not finish within {Timeout}")]
    private static partial void LogJobWaitTimedOut(ILogger logger, string jobPath, TimeSpan timeout);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Failed state of {Unit} reset")]
    private static partial void LogResetFailed(ILogger logger, string unit);
}
