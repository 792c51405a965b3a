using Guard.Recovery;
using Guard.State;

namespace Guard.Tests.Recovery;

/// <summary>A journal whose Guard "dies" (throws) just before writing the first record that matches: a kill at that write.</summary>
internal sealed class KilledAtJournal(IRestartJournal inner, Func<RestartRecord, bool> killAt, string why) : IRestartJournal
{
    public Task<bool> CommitAsync(RestartRecord record, CancellationToken cancellationToken) =>
        killAt(record) ? throw new InvalidOperationException(why) : inner.CommitAsync(record, cancellationToken);
}
