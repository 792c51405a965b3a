using Guard.State;

namespace Guard.Recovery;

/// <summary>
/// Makes a restart record durable (fsync'd) before the recovery actor goes on: the attempt before the D-Bus call, the
/// outcome after it. The record is already in the <see cref="StateStore"/> when this is called.
/// </summary>
public interface IRestartJournal
{
    /// <summary>False when the write failed (disk full, permissions); the failure is logged by the implementation.</summary>
    Task<bool> CommitAsync(RestartRecord record, CancellationToken cancellationToken);
}
