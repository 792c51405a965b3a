using Guard.Tracking;
using Microsoft.Extensions.Hosting;

namespace Guard.Probing;

/// <summary>
/// After the second probe round, one aggressive full collection: start-up (configuration, discovery, the host's
/// composition, the other services' first pass) leaves garbage in the older generations that no later collection
/// of a small steady heap would reclaim, and an aggressive collection also hands the freed regions back to the OS
/// (about 3 MB of resident memory). Not after the first round: that one overlaps the other services' start-up.
/// Once, and never again.
/// </summary>
internal sealed class StartupMemoryTrim(ProbeScheduler scheduler, Action? collect = null) : IHostedService
{
    public const int AfterRounds = 2;

    private readonly Action _collect = collect ?? (() => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true));
    private int _rounds;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        scheduler.RoundCompleted += OnRoundCompleted;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        scheduler.RoundCompleted -= OnRoundCompleted;
        return Task.CompletedTask;
    }

    private void OnRoundCompleted(RoundSummary summary)
    {
        if (Interlocked.Increment(ref _rounds) == AfterRounds)
        {
            scheduler.RoundCompleted -= OnRoundCompleted;
            _collect();
        }
    }
}
