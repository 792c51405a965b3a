using Microsoft.Extensions.Logging;

namespace Guard.Systemd;

/// <summary>Log messages of <see cref="DBusSystemdManager"/>; ids 3000-3099 are the Systemd ones kept from before, 8100-8199 the D-Bus connection's.</summary>
public sealed partial class DBusSystemdManager
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

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "systemd {Operation} for {Unit} queued as job {JobPath}")]
    private static partial void LogJobQueued(ILogger logger, string operation, string unit, string jobPath);

    [LoggerMessage(EventId = 8100, Level = LogLevel.Debug, Message = "Connected to the systemd {Bus} bus at {Address}")]
    private static partial void LogConnected(ILogger logger, string bus, string address);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "The connection to the systemd {Bus} bus closed or lost systemd; connecting again to {Address}")]
    private static partial void LogReconnecting(ILogger logger, string bus, string address);
}
