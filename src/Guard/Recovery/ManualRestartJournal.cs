using Guard.Configuration;
using Guard.State;
using Microsoft.Extensions.Logging;

namespace Guard.Recovery;

/// <summary>
/// <c>guard restart-gateway</c>'s journal: manual records go to <see cref="ManualRestartLog"/> (which the running
/// service merges before every budget check) and the state file is rewritten for <c>guard status</c>. Only the log
/// write decides: it is what keeps the restart in the service's budget.
/// </summary>
public sealed partial class ManualRestartJournal(StateStore store, LiveOptions options, ILogger<ManualRestartJournal> logger) : IRestartJournal
{
    public Task<bool> CommitAsync(RestartRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var logPath = ManualRestartLog.PathIn(options.Current.DataDirectory);
        try
        {
            if (record.Trigger == RestartTriggers.Manual)
            {
                ManualRestartLog.Upsert(logPath, record);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed(logger, e, logPath);
            return Task.FromResult(false);
        }

        try
        {
            StateFile.Save(store.FilePath, store.Snapshot());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed(logger, e, store.FilePath);
        }

        return Task.FromResult(true);
    }

    [LoggerMessage(EventId = 8300, Level = LogLevel.Error, Message = "Could not write the restart record to {Path}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string path);
}
