using Guard.State;

namespace Guard.Recovery;

/// <summary>
/// The service's journal: writes the whole state now through <see cref="StatePersister"/> (atomic temp file, fsync,
/// rename, directory fsync) instead of after its batch window, so the record is on disk before the next step.
/// </summary>
public sealed class StateFileRestartJournal(StatePersister persister) : IRestartJournal
{
    public Task<bool> CommitAsync(RestartRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);

        // Not cancellable: a write-ahead record half-requested at shutdown must still reach the disk or be refused.
        return persister.FlushAsync(CancellationToken.None);
    }
}
