using Guard.Logging;
using Guard.State;
using Guard.Tracking;
using Prometheus;

namespace Guard.Metrics;

/// <summary>
/// Guard's Prometheus metrics in a private registry (no process or runtime collectors: one Guard's numbers
/// only, so many Guards aggregate cleanly). Rounds feed it as they complete; chain and restart numbers are
/// read from the state store at scrape time. Label values pass the redactor: no secret ever becomes a label.
/// </summary>
public sealed class GuardMetrics
{
    private static readonly double[] LatencyBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60];

    private readonly StateStore _store;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _time;
    private readonly Gauge _modelUp;
    private readonly Counter _failures;
    private readonly Histogram _latency;
    private readonly Counter _rounds;
    private readonly Gauge _lastRound;
    private readonly Gauge _chainDark;
    private readonly Gauge _darkRounds;
    private readonly Counter _restarts;
    private readonly Gauge _quotaUsed;
    private readonly Gauge _quotaForecast;
    private readonly Lock _restartSync = new();
    private readonly HashSet<(DateTimeOffset At, string Trigger)> _countedRestarts = [];

    public GuardMetrics(StateStore store, SecretRedactor redactor, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _redactor = redactor;
        _time = time;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        factory.CreateGauge("guard_build_info", "Always 1; the version label tells which Guard answers.", "version")
            .WithLabels(GuardVersion.Current).Set(1);
        _modelUp = factory.CreateGauge("guard_model_up", "1 when the model's last round verdict was usable, 0 when it failed.", "model");
        _failures = factory.CreateCounter("guard_model_failures_total", "Failed probe verdicts, by model and failure kind.", "model", "kind");
        _latency = factory.CreateHistogram(
            "guard_probe_latency_seconds",
            "Latency of each model's deciding probe in a round.",
            new HistogramConfiguration { LabelNames = ["model"], Buckets = LatencyBuckets });
        _rounds = factory.CreateCounter("guard_probe_rounds_total", "Probe rounds completed.");
        _lastRound = factory.CreateGauge("guard_last_round_timestamp_seconds", "Unix time of the last completed round (alert when it goes stale).");
        _chainDark = factory.CreateGauge("guard_chain_dark_seconds", "Seconds every model has been unusable at once; 0 while any model answers.");
        _darkRounds = factory.CreateGauge("guard_chain_all_failed_rounds", "Consecutive rounds in which no model was usable.");
        _restarts = factory.CreateCounter("guard_gateway_restarts_total", "Gateway restarts Guard finished since it started, by outcome (restarted, restart-failed, skipped).", "outcome");
        _quotaUsed = factory.CreateGauge("guard_quota_used_ratio", "Share of the model's quota budget used in the current window, 0-1.", "model");
        _quotaForecast = factory.CreateGauge("guard_quota_exhaustion_forecast_seconds", "Forecast seconds until the model's quota runs out at the current rate.", "model");

        // Restarts finished before this process started were counted by the previous one.
        foreach (var record in store.Read(s => s.Restarts.Where(IsFinished).Select(r => (r.At, r.Trigger)).ToList()))
        {
            _countedRestarts.Add(record);
        }

        Registry.AddBeforeCollectCallback(RefreshFromState);
    }

    /// <summary>The registry the endpoint serves (and tests export).</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Feeds one completed round (subscribe to <c>ProbeScheduler.RoundCompleted</c>).</summary>
    public void RecordRound(RoundSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        _rounds.Inc();
        _lastRound.Set(summary.At.ToUnixTimeMilliseconds() / 1000.0);
        _darkRounds.Set(summary.ConsecutiveAllFailedRounds);
        foreach (var verdict in summary.Models)
        {
            var model = Label(verdict.ModelId);
            _modelUp.WithLabels(model).Set(verdict.Ok ? 1 : 0);
            if (verdict.Carried)
            {
                continue; // not probed this round (backing off): no new failure, no latency
            }

            if (!verdict.Ok)
            {
                _failures.WithLabels(model, verdict.Kind?.ToString() ?? "Unknown").Inc();
            }

            if (verdict.LatencyMs is { } latency)
            {
                _latency.WithLabels(model).Observe(latency / 1000.0);
            }
        }
    }

    /// <summary>
    /// Seam for the quota watch: the used share of a model's budget and, when a forecast exists, the time until
    /// it runs out (null removes the forecast series). Nothing calls this until the quota area reports numbers.
    /// </summary>
    public void SetQuota(string modelId, double usedRatio, TimeSpan? untilExhausted)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelId);
        var model = Label(modelId);
        _quotaUsed.WithLabels(model).Set(usedRatio);
        if (untilExhausted is { } remaining)
        {
            _quotaForecast.WithLabels(model).Set(Math.Max(0, remaining.TotalSeconds));
        }
        else
        {
            _quotaForecast.RemoveLabelled(model);
        }
    }

    /// <summary>The text exposition, as the endpoint serves it.</summary>
    public async Task<string> ExportAsync(CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(stream, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private void RefreshFromState()
    {
        var (darkSince, restarts) = _store.Read(s => (s.Chain.DarkSince, s.Restarts.Where(IsFinished).Select(r => (r.At, r.Trigger, r.Outcome)).ToList()));
        _chainDark.Set(darkSince is { } since ? Math.Max(0, (_time.GetUtcNow() - since).TotalSeconds) : 0);
        lock (_restartSync)
        {
            foreach (var (at, trigger, outcome) in restarts)
            {
                if (_countedRestarts.Add((at, trigger)))
                {
                    _restarts.WithLabels(Label(string.IsNullOrEmpty(outcome) ? "unknown" : outcome)).Inc();
                }
            }
        }
    }

    // A restart is counted once its outcome is final: skipped at once, otherwise when systemd answered (or a later
    // Guard settled an attempt whose outcome was never written).
    private static bool IsFinished(RestartRecord record) =>
        record.Outcome == "skipped" || record.JobResult is not null || record.Verified is not null || record.ResolvedAt is not null;

    private string Label(string value) => _redactor.Redact(value);
}
