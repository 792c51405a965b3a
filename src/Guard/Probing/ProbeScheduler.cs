using Guard.Chain;
using Guard.Configuration;
using Guard.State;
using Guard.Tracking;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.Probing;

/// <summary>
/// The probe loop: waits for the next Cronos tick with the injected TimeProvider, runs one round, feeds the
/// tracker. Rounds never overlap (each is awaited) and ticks missed during a long round are not replayed. Between
/// ticks it runs the confirmation rounds <see cref="ConfirmationRounds"/> asks for; those skip the fallback delay
/// (they are already spaced, and the point is to learn now whether every model fails).
/// </summary>
public sealed partial class ProbeScheduler(
    LiveOptions options,
    IModelChain modelChain,
    ProbeRoundRunner runner,
    FailureTracker tracker,
    StateStore store,
    ProbeLoopHeartbeat heartbeat,
    TimeProvider time,
    ILogger<ProbeScheduler> logger) : BackgroundService, IConfirmationRoundTrigger
{
    private readonly SemaphoreSlim _roundGate = new(1, 1);
    private readonly ConfirmationRounds _confirmations = new(time);
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ProbeSchedule? _schedule;

    /// <summary>Raised after each completed round (tests and the recovery actor's verification use it).</summary>
    public event Action<RoundSummary>? RoundCompleted;

    /// <summary>Raised with every probe result of a round, before the tracker sees it (the quota watch reads headers and balances).</summary>
    public event Action<IReadOnlyList<ModelProbeOutcome>>? ProbesCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var chain = modelChain.Resolve(options.Current);
        LogStarted(logger, chain.Count, options.Current.Probe.Schedule, string.Join(" → ", chain.Select(m => m.Id)));
        heartbeat.Beat(time.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake).Task; // taken first: a request arriving from here on wakes this wait
            var scheduled = CurrentSchedule().Next(time.GetUtcNow());
            var confirmAt = _confirmations.DueAt();
            var confirmation = confirmAt < scheduled;
            try
            {
                if (!await SleepUntilAsync(confirmation ? confirmAt!.Value : scheduled, wake, stoppingToken).ConfigureAwait(false))
                {
                    continue; // a confirmation was asked for: decide again what comes first
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            heartbeat.Beat(time.GetUtcNow());
            await ProbeLoopFreeze.WaitWhileFrozenAsync(time, stoppingToken).ConfigureAwait(false); // test-only hook, no-op unless set

            await RunRoundAsync(stoppingToken, forceDeep: false, confirmation).ConfigureAwait(false);
            heartbeat.Beat(time.GetUtcNow());
        }
    }

    /// <inheritdoc />
    public void GatewayReportedChainFailure()
    {
        if (_confirmations.GatewayReportedChainFailure())
        {
            LogConfirmationRequested(logger, "the gateway log reported that all models failed");
            Wake();
        }
    }

    /// <summary>One round, callable directly. Never throws except for cancellation: a bad round must not stop the loop.</summary>
    /// <remarks>Serialised: a verification round requested by the recovery actor never overlaps a scheduled one.</remarks>
    public Task<RoundSummary?> RunRoundAsync(CancellationToken cancellationToken, bool forceDeep = false) =>
        RunRoundAsync(cancellationToken, forceDeep, confirmation: false);

    private async Task<RoundSummary?> RunRoundAsync(CancellationToken cancellationToken, bool forceDeep, bool confirmation)
    {
        await _roundGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunRoundCoreAsync(forceDeep, confirmation, cancellationToken).ConfigureAwait(false);
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

    private async Task<RoundSummary?> RunRoundCoreAsync(bool forceDeep, bool confirmation, CancellationToken cancellationToken)
    {
        var current = options.Current;
        var chain = modelChain.Resolve(current);
        try
        {
            var snapshot = store.Snapshot();
            var now = time.GetUtcNow();
            var corroborated = _confirmations.RoundStarting(now, confirmation);
            var plans = chain.Select(m => ProbePlanner.Plan(m, snapshot.Models.GetValueOrDefault(m.Id), now, current.Probe.DeepEvery, forceDeep)).ToList();
            var outcomes = await runner.RunAsync(plans, current.Probe, cancellationToken, paced: !confirmation).ConfigureAwait(false);
            ProbesCompleted?.Invoke(outcomes);
            var summary = tracker.RecordRound(chain, outcomes, current.Probe, corroborated);
            LogRound(logger, summary.Models.Count(v => v.Ok), chain.Count, summary.ConsecutiveAllFailedRounds);
            var actAfter = Math.Max(current.Probe.DownAfter, current.Recovery.Enabled ? current.Recovery.AllFailedRounds : 0);
            if (_confirmations.RoundFinished(summary, actAfter))
            {
                LogConfirmationRequested(logger, $"every model failed ({summary.ConsecutiveAllFailedRounds} of {actAfter} rounds)");
                Wake();
            }

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

    private void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>True when <paramref name="at"/> came; false when woken first by a confirmation request.</summary>
    private async Task<bool> SleepUntilAsync(DateTimeOffset at, Task wake, CancellationToken stoppingToken)
    {
        var delay = at - time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return true;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var sleeping = Task.Delay(delay, time, cts.Token);
        var first = await Task.WhenAny(sleeping, wake).ConfigureAwait(false);
        if (first == sleeping)
        {
            await sleeping.ConfigureAwait(false); // throws when stopping
            return true;
        }

        await cts.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
        return false;
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

    [LoggerMessage(EventId = 2153, Level = LogLevel.Information, Message = "Confirmation round requested: {Why}")]
    private static partial void LogConfirmationRequested(ILogger logger, string why);
}
