using Guard.Chain;
using Guard.Configuration;
using Guard.State;
using Guard.Tracking;
using Guard.Events;
using Guard.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.Probing;

/// <summary>
/// The probe loop: waits for the next Cronos tick with the injected TimeProvider, runs one round, feeds the
/// tracker. Rounds never overlap (each is awaited) and ticks missed during a long round are not replayed. Between
/// ticks it runs the confirmation rounds <see cref="ConfirmationRounds"/> asks for; those skip the fallback delay
/// (they are already spaced, and the point is to learn now whether every model fails). Each round's results and
/// summary go out on the event bus (<see cref="ProbesCompleted"/>, <see cref="RoundCompleted"/>).
/// </summary>
public sealed partial class ProbeScheduler(
    LiveOptions options,
    IModelChain modelChain,
    ProbeRoundRunner runner,
    FailureTracker tracker,
    StateStore store,
    ProbeLoopHeartbeat heartbeat,
    IEventPublisher events,
    TimeProvider time,
    ILogger<ProbeScheduler> logger) : PeriodicService(time, logger), IConfirmationRoundTrigger, IVerificationRound
{
    private readonly SemaphoreSlim _roundGate = new(1, 1);
    private readonly ConfirmationRounds _confirmations = new(time);
    private ProbeSchedule? _schedule;
    private bool _nextIsConfirmation;

    /// <summary>The first round waits for the schedule's first tick.</summary>
    protected override bool WaitBeforeFirstTick => true;

    /// <summary>A confirmation request only means "decide again what comes first".</summary>
    protected override bool TickWhenWoken => false;

    protected override Task<bool> StartingAsync(CancellationToken cancellationToken)
    {
        var chain = modelChain.Resolve(options.Current);
        LogStarted(logger, chain.Count, options.Current.Probe.Schedule, string.Join(" → ", chain.Select(m => m.Id)));
        heartbeat.Beat(Time.GetUtcNow());
        return Task.FromResult(true);
    }

    protected override TimeSpan NextWait()
    {
        var now = Time.GetUtcNow();
        var scheduled = CurrentSchedule().Next(now);
        var confirmAt = _confirmations.DueAt();
        _nextIsConfirmation = confirmAt < scheduled;
        return (_nextIsConfirmation ? confirmAt!.Value : scheduled) - now;
    }

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        heartbeat.Beat(Time.GetUtcNow());
        await RunRoundAsync(cancellationToken, forceDeep: false, _nextIsConfirmation).ConfigureAwait(false);
        heartbeat.Beat(Time.GetUtcNow());
    }

    /// <inheritdoc />
    public void GatewayReportedChainFailure()
    {
        if (_confirmations.GatewayReportedChainFailure())
        {
            LogConfirmationRequested(logger, "the gateway log reported that all models failed");
            WakeNow();
        }
    }

    /// <summary>One round, callable directly. Never throws except for cancellation: a bad round must not stop the loop.</summary>
    /// <remarks>Serialised: a verification round requested by the recovery actor never overlaps a scheduled one.</remarks>
    public Task<RoundSummary?> RunRoundAsync(CancellationToken cancellationToken, bool forceDeep = false) =>
        RunRoundAsync(cancellationToken, forceDeep, confirmation: false);

    /// <inheritdoc />
    public Task<RoundSummary?> RunVerificationRoundAsync(CancellationToken cancellationToken) => RunRoundAsync(cancellationToken);

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
            var now = Time.GetUtcNow();
            var corroborated = _confirmations.RoundStarting(now, confirmation);
            var plans = chain.Select(m => ProbePlanner.Plan(m, snapshot.Models.GetValueOrDefault(m.Id), now, current.Probe.DeepEvery, forceDeep)).ToList();
            var outcomes = await runner.RunAsync(plans, current.Probe, cancellationToken, paced: !confirmation).ConfigureAwait(false);
            events.Publish(new ProbesCompleted(outcomes));
            var summary = tracker.RecordRound(chain, outcomes, current.Probe, corroborated);
            LogRound(logger, summary.Models.Count(v => v.Ok), chain.Count, summary.ConsecutiveAllFailedRounds);
            var actAfter = Math.Max(current.Probe.DownAfter, current.Recovery.Enabled ? current.Recovery.AllFailedRounds : 0);
            if (_confirmations.RoundFinished(summary, actAfter))
            {
                LogConfirmationRequested(logger, $"every model failed ({summary.ConsecutiveAllFailedRounds} of {actAfter} rounds)");
                WakeNow();
            }

            events.Publish(new RoundCompleted(summary));
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

    [LoggerMessage(EventId = 2153, Level = LogLevel.Information, Message = "Confirmation round requested: {Why}")]
    private static partial void LogConfirmationRequested(ILogger logger, string why);
}
