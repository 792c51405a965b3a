using Microsoft.Extensions.Logging;

namespace Guard.Drill;

/// <summary>Drill log records (event ids 7100–7199). Only a drill that changes something is logged.</summary>
internal static partial class DrillLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Warning, Message = "Drill: restart of {Unit} requested by the user (guard drill restart --yes)")]
    public static partial void RestartRequested(ILogger logger, string unit);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Drill: restart of {Unit} finished: {Outcome} ({Detail})")]
    public static partial void RestartFinished(ILogger logger, string unit, string outcome, string detail);
}
