using Guard.Configuration;
using Guard.State;
using Guard.Tracking;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.Probing;

/// <summary>
/// The probe loop: waits for the next Cronos tick with the injected TimeProvider, runs one round, feeds the
/// tracker. Rounds never overlap (each is awaited) and ticks missed during a long round are not replayed.
/// </summary>
public sealed partial class ProbeScheduler(
    LiveOptions options,
    ProbeRoundRunner runner,
    FailureTracker tracker,
    StateStore store,
    ProbeLoopHeartbeat heartbeat,
    TimeProvider time,
    ILogger<ProbeScheduler> logger) : BackgroundService
{
    private readonly SemaphoreSlim _roundGate = new(1, 1);
    private ProbeSchedule? _schedule;

    /// <summary>Raised after each completed round (tests and the recovery actor's verification use it).</summary>
    public event Action<RoundSummary>? RoundCompleted;

    /// <summary>Raised with every probe result of a round, before the tracker sees it (the quota watch reads headers and balances).</summary>
    public event Action<IReadOnlyList<ModelProbeOutcome>>? ProbesCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var chain = ModelCatalog.Resolve(options.Current);
        LogStarted(logger, chain.Count, options.Current.Probe.Schedule, string.Join(" → ", chain.Select(m => m.Id)));
        heartbeat.Beat(time.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = CurrentSchedule().Next(now);
            try
            {
                await Task.Delay(next - now, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            heartbeat.Beat(time.GetUtcNow());
            await ProbeLoopFreeze.WaitWhileFrozenAsync(time, stoppingToken).ConfigureAwait(false); // test-only hook, no-op unless set

            await RunRoundAsync(stoppingToken).ConfigureAwait(false);
            heartbeat.Beat(time.GetUtcNow());
        }
    }

    /// <summary>One round, callable directly. Never throws except for cancellation: a bad round must not stop the loop.</summary>
    /// <remarks>Serialised: a verification round requested by the recovery actor never overlaps a scheduled one.</remarks>
    public async Task<RoundSummary?> RunRoundAsync(CancellationToken cancellationToken, bool forceDeep = false)
    {
        await _roundGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunRoundCoreAsync(forceDeep, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _roundGate.Release();
        }
    }

    public override void Dispose()
    {
        _roundGate.Dispose();
        base.Dispose();
    }

    private async Task<RoundSummary?> RunRoundCoreAsync(bool forceDeep, CancellationToken cancellationToken)
    {
        var current = options.Current;
        var chain = ModelCatalog.Resolve(current);
        try
        {
            var snapshot = store.Snapshot();
            var now = time.GetUtcNow();
            var plans = chain.Select(m => ProbePlanner.Plan(m, snapshot.Models.GetValueOrDefault(m.Id), now, current.Probe.DeepEvery, forceDeep)).ToList();
            var outcomes = await runner.RunAsync(plans, current.Probe, cancellationToken).ConfigureAwait(false);
            ProbesCompleted?.Invoke(outcomes);
            var summary = tracker.RecordRound(chain, outcomes, current.Probe);
            LogRound(logger, summary.Models.Count(v => v.Ok), chain.Count, summary.ConsecutiveAllFailedRounds);
            RoundCompleted?.Invoke(summary);
            return summary;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogRoundFailed(logger, ex);
            return null;
        }
    }

    private ProbeSchedule CurrentSchedule()
    {
        var expression = options.Current.Probe.Schedule;
        if (_schedule?.Expression != expression)
        {
            _schedule = new ProbeSchedule(expression);
        }

        return _schedule;
    }

    [LoggerMessage(EventId = 2150, Level = LogLevel.Information, Message = "Probing {Count} models on schedule '{Schedule}': {Chain}")]
    private static partial void LogStarted(ILogger logger, int count, string schedule, string chain);

    [LoggerMessage(EventId = 2151, Level = LogLevel.Information, Message = "Round done: {Usable}/{Total} models usable, {DarkRounds} consecutive all-failed rounds")]
    private static partial void LogRound(ILogger logger, int usable, int total, int darkRounds);

    [LoggerMessage(EventId = 2152, Level = LogLevel.Error, Message = "Probe round failed unexpectedly; the loop continues")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
