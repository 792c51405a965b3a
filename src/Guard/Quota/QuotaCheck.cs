using Guard.Chain;
using System.Diagnostics;
using Guard.Alerts;
using Guard.Configuration;
using Guard.OpenClaw.GatewayLog;
using Guard.Quota.Alerts;
using Guard.Quota.Ledger;
using Guard.Quota.Reported;
using Guard.Quota.Transcripts;
using Guard.Probing;
using Guard.State;
using Guard.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.Quota;

/// <summary>
/// The quota watch, every <c>Guard:Quota:CheckEvery</c>: reads new transcript lines into the ledger, evaluates every
/// model's limits, raises QuotaForecast / QuotaWarning / QuotaCritical once per episode and resolves them, and runs
/// the critical command. What probe rounds report (headers, balances, QuotaExhausted) is stored by
/// <see cref="ProbeQuotaListener"/>.
/// </summary>
public sealed partial class QuotaCheck : PeriodicService
{
    private readonly LiveOptions _options;
    private readonly IModelChain _chain;
    private readonly StateStore _store;
    private readonly IAlertPublisher _alerts;
    private readonly CriticalCommandRunner _command;
    private readonly IProviderQuotaPoller? _poller;
    private readonly TimeProvider _time;
    private readonly ILogger<QuotaCheck> _logger;
    private readonly OpenClawTranscripts _transcripts = new();
    private readonly GatewayEvidenceRecorder _evidence;
    private readonly List<Task> _commands = [];
    private bool _cursorsLoaded;
    private readonly DateTimeOffset _startedAt;

    public QuotaCheck(
        LiveOptions options, IModelChain chain, StateStore store, IAlertPublisher alerts, CriticalCommandRunner command,
        TimeProvider time, ILogger<QuotaCheck> logger, IProviderQuotaPoller? poller = null)
        : base(time, logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _chain = chain;
        _store = store;
        _evidence = new GatewayEvidenceRecorder(store);
        _alerts = alerts;
        _command = command;
        _poller = poller;
        _time = time;
        _logger = logger;

        // Turns written before Guard started are history when first read, not evidence about the models now.
        _startedAt = time.GetUtcNow();
    }

    /// <summary>Critical commands started and not yet awaited (tests wait for them).</summary>
    internal IReadOnlyList<Task> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    protected override Task<bool> StartingAsync(CancellationToken cancellationToken)
    {
        LogStarted(_logger, _options.Current.Quota.Budgets.Count, _options.Current.Quota.CheckEvery);
        return Task.FromResult(true);
    }

    protected override Task TickAsync(CancellationToken cancellationToken) => RunCycleAsync(cancellationToken);

    protected override TimeSpan NextWait() => _options.Current.Quota.CheckEvery;

    /// <summary>One cycle, callable directly. Never throws except for cancellation: a bad cycle must not stop the watch.</summary>
    public async Task<IReadOnlyList<ModelQuota>> RunCycleAsync(CancellationToken cancellationToken)
    {
        try
        {
            var polled = await PollAsync(cancellationToken).ConfigureAwait(false);
            return await Task.Run(() => Cycle(polled), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            LogCycleFailed(_logger, e);
            return [];
        }
    }

    /// <summary>Providers' own quota endpoints (Zhipu's plan quota); a failure leaves the stored readings as they were.</summary>
    private async Task<IReadOnlyList<ProviderReading>> PollAsync(CancellationToken cancellationToken)
    {
        if (_poller is null)
        {
            return [];
        }

        try
        {
            return await _poller.PollAsync(_chain.Resolve(_options.Current), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPollFailed(_logger, e);
            return [];
        }
    }

    private IReadOnlyList<ModelQuota> Cycle(IReadOnlyList<ProviderReading> polled)
    {
        var options = _options.Current;
        var now = _time.GetUtcNow();
        var retention = Retention(options.Quota);
        var scan = options.Quota.ReadTranscripts ? ReadTranscripts(options, now, retention) : null;

        IReadOnlyList<ModelQuota> quotas = [];
        var decisions = new List<(string Model, QuotaAlertDecision Decision)>();
        _store.Update(state =>
        {
            var quota = (state.Quota ??= new QuotaState()).Normalized();
            if (polled.Count > 0)
            {
                ProbeQuotaFeed.Apply(quota, polled, new HashSet<string>(StringComparer.Ordinal), now);
            }

            if (scan is not null)
            {
                Apply(quota, scan, now, retention);
            }

            quotas = QuotaEvaluator.Evaluate(options.Quota, quota, now);
            foreach (var model in quotas)
            {
                var previous = quota.Alerts.GetValueOrDefault(model.ModelId) ?? new QuotaAlertState();
                var decision = QuotaAlertRules.Decide(previous, model, options.Quota, now);
                decisions.Add((model.ModelId, decision));
                if (decision.State.Any || decision.State.CommandRunFor is not null)
                {
                    quota.Alerts[model.ModelId] = decision.State;
                }
                else
                {
                    quota.Alerts.Remove(model.ModelId);
                }
            }

            // A model that vanished from the evaluation (budget removed, usage aged out) ends its episodes too.
            foreach (var gone in quota.Alerts.Keys.Where(id => quotas.All(q => q.ModelId != id)).ToList())
            {
                decisions.Add((gone, Vanished(gone, quota.Alerts[gone])));
                quota.Alerts.Remove(gone);
            }

            quota.LastCheck = now;
        });

        if (scan is not null)
        {
            RecordEvidence(scan);
        }

        foreach (var (model, decision) in decisions)
        {
            Act(model, decision, options.Quota, now);
        }

        return quotas;
    }

    private TranscriptScan ReadTranscripts(GuardOptions options, DateTimeOffset now, TimeSpan retention)
    {
        if (!_cursorsLoaded)
        {
            _store.Read(s =>
            {
                var quota = (s.Quota ?? new QuotaState()).Normalized();
                _transcripts.Files.Load(quota.Transcripts.ToDictionary(p => p.Key, p => p.Value));
                _transcripts.Stores.Load(quota.TranscriptSessions.ToDictionary(p => p.Key, p => p.Value));
                return true;
            });
            _cursorsLoaded = true;
        }

        var started = Stopwatch.GetTimestamp();
        var scan = _transcripts.Scan(options.OpenClaw.AgentsDirectory, now, _startedAt);
        _transcripts.Forget(now - retention - TimeSpan.FromDays(1));
        if (scan.FilesRead > 0 || scan.StoresRead > 0)
        {
            LogScanned(_logger, scan.FilesRead, scan.FilesSeen, scan.StoresRead, scan.RowsRead, scan.BytesRead, scan.Turns, scan.MalformedLines, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        if (scan.StoresUnreadable > 0)
        {
            LogStoresBusy(_logger, scan.StoresUnreadable);
        }

        if (scan.Truncated > 0)
        {
            LogTruncated(_logger, scan.Truncated);
        }

        return scan;
    }

    private void Apply(QuotaState quota, TranscriptScan scan, DateTimeOffset now, TimeSpan retention)
    {
        TranscriptUsage.Apply(quota, scan, now, retention);
        foreach (var (model, turns) in scan.Evidence)
        {
            var counted = quota.Evidence.TryGetValue(model, out var known) ? known : quota.Evidence[model] = new TurnEvidence();
            counted.Ok += turns.Ok;
            counted.Failed += turns.Failed;
            counted.LastOkAt = Later(counted.LastOkAt, turns.LastOkAt);
            if (turns.LastFailedAt is { } failedAt && (counted.LastFailedAt is null || counted.LastFailedAt <= failedAt))
            {
                (counted.LastFailedAt, counted.LastFailedMessage) = (failedAt, turns.LastFailedMessage);
            }
        }

        quota.Transcripts = _transcripts.Files.Cursors.ToDictionary(
            p => p.Key,
            p => new TranscriptCursor { Path = p.Value.Path, Offset = p.Value.Offset, Length = p.Value.Length, LastWriteTicks = p.Value.LastWriteTicks, LastSeen = p.Value.LastSeen },
            StringComparer.Ordinal);
        quota.TranscriptSessions = _transcripts.Stores.Cursors.ToDictionary(
            p => p.Key, p => new TranscriptSessionCursor { LastSeq = p.Value.LastSeq, Turns = p.Value.Turns, LastSeen = p.Value.LastSeen }, StringComparer.Ordinal);
    }

    /// <summary>
    /// New turns as passive evidence, in time order per model: a served turn moves the deep-probe clock (no paid probe
    /// needed in that DeepEvery window), a failed one is classified and forces the next deep probe. Never a probe round.
    /// </summary>
    private void RecordEvidence(TranscriptScan scan)
    {
        foreach (var (model, turns) in scan.Evidence)
        {
            var evidence = new List<GatewayEvidence>(2);
            if (turns.LastOkAt is { } okAt)
            {
                evidence.Add(new GatewayEvidence(okAt, model, true, null, null, null, null, EvidenceSource.Transcript, "transcript_turn"));
            }

            if (turns.LastFailedAt is { } failedAt)
            {
                var (kind, status) = TurnFailureClassifier.Classify(turns.LastFailedMessage);
                evidence.Add(new GatewayEvidence(failedAt, model, false, kind, status, null, turns.LastFailedMessage, EvidenceSource.Transcript, "transcript_turn"));
                LogTurnFailed(_logger, model, kind, status, turns.LastFailedMessage);
            }

            foreach (var e in evidence.OrderBy(e => e.At))
            {
                _evidence.Record(e);
            }
        }
    }

    private void Act(string model, QuotaAlertDecision decision, QuotaOptions options, DateTimeOffset now)
    {
        foreach (var action in decision.Actions)
        {
            if (action.Event is { } alert)
            {
                LogRaised(_logger, alert.Kind, model, alert.Detail);
                _alerts.Raise(alert);
            }
            else
            {
                LogResolved(_logger, action.Fingerprint, action.Note);
                _alerts.Resolve(action.Fingerprint, now, action.Note);
            }
        }

        if (decision.RunCriticalCommandFor is { } status && !string.IsNullOrWhiteSpace(options.CriticalCommand))
        {
            var run = _command.RunAsync(options.CriticalCommand, options.CriticalArguments, status, CancellationToken.None);
            lock (_commands)
            {
                _commands.RemoveAll(t => t.IsCompleted);
                _commands.Add(run);
            }
        }
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static QuotaAlertDecision Vanished(string model, QuotaAlertState state)
    {
        var actions = new List<QuotaAlertAction>();
        foreach (var (active, kind) in new[] { (state.Forecast, AlertEventKind.QuotaForecast), (state.Warning, AlertEventKind.QuotaWarning), (state.Critical, AlertEventKind.QuotaCritical) })
        {
            if (active)
            {
                actions.Add(new(null, QuotaAlertRules.Fingerprint(kind, model), "no longer watched"));
            }
        }

        return new QuotaAlertDecision(new QuotaAlertState(), actions, null);
    }

    /// <summary>The ledger keeps the longest budget window (at least a day, for <c>guard quota</c>) plus the burn-rate lookback.</summary>
    public static TimeSpan Retention(QuotaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var longest = options.Budgets.Values.Select(b => b.Window).DefaultIfEmpty(TimeSpan.Zero).Max();
        return (longest > QuotaEvaluator.UnbudgetedWindow ? longest : QuotaEvaluator.UnbudgetedWindow) + BurnRate.Lookback;
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Quota watch started: {Budgets} budgets, checking every {Every}")]
    private static partial void LogStarted(ILogger logger, int budgets, TimeSpan every);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Transcripts: read {FilesRead} of {FilesSeen} files and {StoresRead} SQLite stores ({Rows} rows), {Bytes} bytes, {Turns} assistant turns, {Malformed} unreadable entries skipped, in {Milliseconds:0.0} ms")]
    private static partial void LogScanned(ILogger logger, int filesRead, int filesSeen, int storesRead, long rows, long bytes, long turns, long malformed, double milliseconds);

    [LoggerMessage(EventId = 8700, Level = LogLevel.Debug, Message = "Transcripts: {Count} SQLite stores were busy or unreadable this pass; they are read from the same cursors next time")]
    private static partial void LogStoresBusy(ILogger logger, int count);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Transcripts: {Count} files became shorter than what was already read; reading continues at their new end")]
    private static partial void LogTruncated(ILogger logger, int count);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Quota {Kind} for {Model}: {Detail}")]
    private static partial void LogRaised(ILogger logger, AlertEventKind kind, string model, string? detail);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Quota alert {Fingerprint} resolved: {Note}")]
    private static partial void LogResolved(ILogger logger, string fingerprint, string? note);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Quota check cycle failed; the watch continues")]
    private static partial void LogCycleFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Transcripts: a real turn of {Model} failed: {Kind}, HTTP {HttpStatus}: {Message}")]
    private static partial void LogTurnFailed(ILogger logger, string model, FailureKind kind, int? httpStatus, string? message);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Quota: polling providers' quota endpoints failed; stored readings are kept")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
