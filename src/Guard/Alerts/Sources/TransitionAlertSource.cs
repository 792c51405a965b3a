using Guard.Events;
using Guard.Probing;
using Guard.State;
using Guard.Tracking;
using Microsoft.Extensions.Logging;

namespace Guard.Alerts.Sources;

/// <summary>
/// Turns the tracker's transitions and round verdicts into alerts, one round at a time:
/// ModelDown fires at the tracker's Down threshold (Warning), ChainDark (Critical) groups the models that went down in
/// the same round into its one message, a model's alert resolves only after <see cref="HealthyRoundsToResolve"/>
/// consecutive healthy rounds, ChainRecovered resolves ChainDark. After each round the firing set is reconciled with the
/// tracker's state, so an alert lost with a corrupt outbox comes back.
/// </summary>
public sealed partial class TransitionAlertSource : EventListener<RoundCompleted>
{
    public const string ChainDarkFingerprint = "ChainDark";
    public const int HealthyRoundsToResolve = 2;

    private readonly EventSubscription<HealthTransition> _transitions;
    private readonly AlertManager _manager;
    private readonly StateStore _store;
    private readonly ILogger<TransitionAlertSource> _logger;
    private readonly Dictionary<string, int> _healthyRounds = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Not started (tests, drills), it is fed rounds through <see cref="OnRoundCompleted"/> by the caller.</summary>
    public TransitionAlertSource(IEventSubscriber events, AlertManager manager, StateStore store, ILogger<TransitionAlertSource> logger)
        : base(events, logger)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(store);

        // Subscribed at construction so no transition published before start is missed. Transitions are read only
        // when their round arrives, so the channel holds what many rounds could produce.
        _transitions = events.Subscribe<HealthTransition>(nameof(TransitionAlertSource), capacity: 4096);
        _manager = manager;
        _store = store;
        _logger = logger;
    }

    public static string ModelDownFingerprint(string modelId) => $"ModelDown|{modelId}";

    public override Task HandleAsync(RoundCompleted message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        OnRoundCompleted(message.Summary);
        return Task.CompletedTask;
    }

    public override void Dispose()
    {
        _transitions.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// One round. The tracker publishes a round's transitions (stamped with the round's time) before the scheduler
    /// publishes its RoundCompleted, so the transitions readable up to this round's time belong to it (or an earlier one);
    /// a later round's, already published while this one waited in the channel, stay for their own round.
    /// Never throws: alerting trouble must not stop the probe loop.
    /// </summary>
    public void OnRoundCompleted(RoundSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var transitions = new List<HealthTransition>();
        while (_transitions.Reader.TryPeek(out var next) && next.At <= summary.At && _transitions.Reader.TryRead(out var transition))
        {
            transitions.Add(transition);
        }

        try
        {
            lock (_gate)
            {
                Process(summary, transitions);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogProcessFailed(_logger, e);
        }
    }

    private void Process(RoundSummary summary, List<HealthTransition> transitions)
    {
        var verdicts = summary.Models.ToDictionary(v => v.ModelId, StringComparer.Ordinal);
        var dark = transitions.LastOrDefault(t => t.Kind == TransitionKind.ChainDark);
        if (dark is not null)
        {
            RaiseChainDark(dark.At, dark.Message, dark.RetryAt, dark.Models.Select(m => (m.ModelId, m.Ok, m.Kind, m.HttpStatus, m.RetryAt)));
        }

        foreach (var down in transitions.Where(t => t.Kind == TransitionKind.ModelDown && t.ModelId is not null))
        {
            // Same At as the ChainDark = same round: the ChainDark message already lists this model.
            var grouped = (dark is not null && dark.At == down.At) || _manager.IsFiring(ChainDarkFingerprint);
            RaiseModelDown(down.ModelId!, down.At, down.FailureKind, verdicts.GetValueOrDefault(down.ModelId!)?.HttpStatus, down.Message, down.RetryAt, grouped);
        }

        var recovered = transitions.LastOrDefault(t => t.Kind == TransitionKind.ChainRecovered);
        if (recovered is not null || (!summary.ChainDark && summary.Models.Any(v => v.Ok) && _manager.IsFiring(ChainDarkFingerprint)))
        {
            ResolveChainDark(summary, recovered?.Message);
        }

        CountHealthyRounds(summary);
        Reconcile(summary);
    }

    private void RaiseChainDark(DateTimeOffset at, string? detail, DateTimeOffset? retryAt,
        IEnumerable<(string Model, bool Ok, FailureKind? Kind, int? Http, DateTimeOffset? RetryAt)> models) =>
        _manager.Raise(new AlertEvent
        {
            Kind = AlertEventKind.ChainDark,
            Severity = AlertSeverity.Critical,
            Fingerprint = ChainDarkFingerprint,
            At = at,
            Detail = detail,
            RetryAt = retryAt,
            Lines = models.Select(m => AlertLines.Model(m.Model, m.Ok, m.Kind, m.Http, m.RetryAt)).ToList(),
        });

    // Warning, also for the primary: while a fallback answers the gateway still works; ChainDark is the Critical one.
    private void RaiseModelDown(string model, DateTimeOffset at, FailureKind? kind, int? http, string? message, DateTimeOffset? retryAt, bool grouped) =>
        _manager.Raise(new AlertEvent
        {
            Kind = AlertEventKind.ModelDown,
            Severity = AlertSeverity.Warning,
            Fingerprint = ModelDownFingerprint(model),
            At = at,
            Model = model,
            FailureKind = (kind ?? FailureKind.Unknown).ToString(),
            Detail = message,
            RetryAt = retryAt,
            Lines = [AlertLines.Model(model, false, kind, http, retryAt)],
            GroupedInto = grouped ? ChainDarkFingerprint : null,
        });

    private void ResolveChainDark(RoundSummary summary, string? message)
    {
        var lines = new List<string>();
        if (!string.IsNullOrEmpty(message))
        {
            lines.Add(message);
        }

        lines.AddRange(summary.Models.Select(v => AlertLines.Model(v.ModelId, v.Ok, v.Kind, v.HttpStatus, v.RetryAt)));
        _manager.Resolve(ChainDarkFingerprint, summary.At, string.Join('\n', lines));
        var okNow = summary.Models.Where(v => v.Ok).Select(v => ModelDownFingerprint(v.ModelId)).ToHashSet(StringComparer.Ordinal);
        _manager.ReleaseGroup(ChainDarkFingerprint, alert => okNow.Contains(alert.Fingerprint));
    }

    private void CountHealthyRounds(RoundSummary summary)
    {
        foreach (var verdict in summary.Models)
        {
            var fingerprint = ModelDownFingerprint(verdict.ModelId);
            if (!verdict.Ok)
            {
                _healthyRounds[verdict.ModelId] = 0;
                _manager.NoteFailure(fingerprint, summary.At);
                continue;
            }

            var healthy = _healthyRounds[verdict.ModelId] = _healthyRounds.GetValueOrDefault(verdict.ModelId) + 1;
            if (healthy >= HealthyRoundsToResolve && _manager.IsFiring(fingerprint))
            {
                _manager.Resolve(fingerprint, summary.At, $"{HealthyRoundsToResolve} 轮探测正常 healthy rounds in a row");
            }
        }
    }

    /// <summary>The tracker's persisted view wins: a Down model or a dark chain without a firing alert fires now.</summary>
    private void Reconcile(RoundSummary summary)
    {
        if (summary.ChainDark && !_manager.IsFiring(ChainDarkFingerprint))
        {
            LogReconciled(_logger, ChainDarkFingerprint);
            RaiseChainDark(summary.At, null, summary.Models.Where(v => v.RetryAt is not null).Select(v => v.RetryAt).Min(),
                summary.Models.Select(v => (v.ModelId, v.Ok, v.Kind, v.HttpStatus, v.RetryAt)));
        }

        var down = _store.Read(state => state.Models.Where(p => p.Value.Health == ModelHealth.Down).Select(p => p.Key).ToList());
        foreach (var verdict in summary.Models.Where(v => !v.Ok && down.Contains(v.ModelId)))
        {
            if (!_manager.IsFiring(ModelDownFingerprint(verdict.ModelId)))
            {
                LogReconciled(_logger, ModelDownFingerprint(verdict.ModelId));
                RaiseModelDown(verdict.ModelId, summary.At, verdict.Kind, verdict.HttpStatus, verdict.Message, verdict.RetryAt,
                    _manager.IsFiring(ChainDarkFingerprint));
            }
        }
    }

    [LoggerMessage(EventId = 4090, Level = LogLevel.Error, Message = "Turning a probe round into alerts failed; the next round retries")]
    private static partial void LogProcessFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4091, Level = LogLevel.Warning, Message = "{Fingerprint}: the tracker reports it but no alert was firing (lost outbox or missed transition); raising it now")]
    private static partial void LogReconciled(ILogger logger, string fingerprint);
}
