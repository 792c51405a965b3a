using Guard.Recovery;
using Guard.State;

namespace Guard.Tests.TestSupport;

/// <summary>A journal that writes nothing: it records what it was asked to commit and answers <see cref="Succeeds"/>.</summary>
public sealed class RecordingRestartJournal : IRestartJournal
{
    public List<RestartRecord> Commits { get; } = [];

    public bool Succeeds { get; set; } = true;

    public Task<bool> CommitAsync(RestartRecord record, CancellationToken cancellationToken)
    {
        lock (Commits)
        {
            Commits.Add(record);
        }

        return Task.FromResult(Succeeds);
    }
}
