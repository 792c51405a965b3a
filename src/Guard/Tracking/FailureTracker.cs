using Guard.Events;
using Guard.Configuration;
using Guard.Probing;
using Guard.State;
using Microsoft.Extensions.Logging;

namespace Guard.Tracking;

/// <summary>
/// Turns each round's probe outcomes into per-model health (Healthy / Degraded / Down) and chain health, writes
/// them to the state store, and announces transitions once each.
/// </summary>
public sealed partial class FailureTracker(StateStore store, IEventPublisher events, TimeProvider time, ILogger<FailureTracker> logger)
{
    /// <summary>
    /// Records one round. <paramref name="corroborated"/>: the gateway reported "All models failed" close to this round;
    /// when every probe fails too, two independent sources agree and the chain is dark now, without waiting
    /// <c>DownAfter</c> rounds (restarts still count Guard's own rounds).
    /// </summary>
    public RoundSummary RecordRound(IReadOnlyList<ModelDefinition> chain, IReadOnlyList<ModelProbeOutcome> outcomes, ProbeOptions options,
        bool corroborated = false)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(options);
        var now = time.GetUtcNow();
        var transitions = new List<HealthTransition>();
        var verdicts = new List<ModelVerdict>(chain.Count);
        var byModel = outcomes.ToDictionary(o => o.ModelId, StringComparer.Ordinal);
        RoundSummary? summary = null;

        store.Update(state =>
        {
            state.LastCheck = now;
            foreach (var model in chain)
            {
                if (!state.Models.TryGetValue(model.Id, out var modelState))
                {
                    modelState = new ModelState();
                    state.Models[model.Id] = modelState;
                }

                var outcome = byModel.GetValueOrDefault(model.Id) ?? new ModelProbeOutcome(model.Id, []);
                var verdict = Decide(outcome, modelState, now, options);
                if (verdict is { Inconclusive: true } && FromGateway(model.Id, modelState.Gateway, now) is { } seen)
                {
                    verdict = seen;
                }
                if (verdict is null)
                {
                    continue;
                }

                Apply(model.Id, verdict, modelState, now, options.DownAfter, transitions);
                verdicts.Add(verdict);
            }

            summary = UpdateChain(state.Chain, verdicts, chain.Count, now, options.DownAfter, corroborated, transitions);
        });

        foreach (var transition in transitions)
        {
            if (transition.Kind is TransitionKind.ModelRecovered or TransitionKind.ChainRecovered)
            {
                LogRecovered(logger, transition.Kind, transition.ModelId ?? "chain", transition.Message);
            }
            else
            {
                LogFailing(logger, transition.Kind, transition.ModelId ?? "chain", transition.FailureKind, transition.Message);
            }

            events.Publish(transition);
        }

        return summary!;
    }

    /// <summary>The round's verdict for one model, or null when nothing ran and nothing is known.</summary>
    internal static ModelVerdict? Decide(ModelProbeOutcome outcome, ModelState state, DateTimeOffset now, ProbeOptions options)
    {
        foreach (var deep in outcome.Results.Where(r => r.Tier == ProbeTier.Deep))
        {
            state.LastDeepProbe = now;
            state.DeepFailureKind = deep.Ok ? null : deep.Kind;
        }

        if (outcome.Unprobed is { } unprobed)
        {
            return new ModelVerdict(outcome.ModelId, false, unprobed.Kind, null, unprobed.Message, null, Carried: false, null) { Inconclusive = true };
        }

        var failure = outcome.Failure;
        if (failure is not null && (failure.Kind ?? FailureKind.Unknown) == FailureKind.Unknown)
        {
            // A reply Guard does not understand says nothing it can act on: unknown, not failing (and not healthy).
            return new ModelVerdict(outcome.ModelId, false, FailureKind.Unknown, failure.HttpStatus, failure.Message, null, Carried: false, null)
            {
                Inconclusive = true,
            };
        }

        if (failure is not null)
        {
            var kind = failure.Kind ?? FailureKind.Unknown;
            var message = failure.Message;
            if (kind == FailureKind.RateLimited && failure.IsUndetailedRateLimit)
            {
                state.RateLimitedSince ??= now;
                if (now - state.RateLimitedSince.Value >= options.RateLimitEscalateAfter)
                {
                    kind = FailureKind.QuotaExhausted;
                    message = $"{message} (HTTP 429 without detail since {state.RateLimitedSince.Value:u}: treated as quota exhausted)";
                }
            }
            else
            {
                state.RateLimitedSince = null;
            }

            var retryAt = failure.RetryAfter is { } after ? now + after : failure.ResetAt;
            return new ModelVerdict(outcome.ModelId, false, kind, failure.HttpStatus, message, retryAt, Carried: false, null);
        }

        var stillFailing = state.ConsecutiveFailures > 0;
        if (outcome.Ok && state.DeepFailureKind is null)
        {
            var latency = outcome.Results.Average(r => r.Latency.TotalMilliseconds);
            return new ModelVerdict(outcome.ModelId, true, null, outcome.Results[^1].HttpStatus, null, null, Carried: false, latency);
        }

        // Reach succeeded (or nothing ran) but the last 1-token probe failed, or the provider asked us to wait:
        // the model is still unusable — Gemini's model list stays 200 while generation answers 429.
        if (stillFailing || state.DeepFailureKind is not null)
        {
            var kind = state.DeepFailureKind ?? state.LastFailureKind ?? FailureKind.Unknown;
            var retryAt = state.RetryAfterUntil ?? state.ResetAt;
            return new ModelVerdict(outcome.ModelId, false, kind, state.LastStatus, state.LastError, retryAt, Carried: true, null);
        }

        return null;
    }

    /// <summary>How long the gateway's own failure stands for a model Guard cannot probe, unless it served since.</summary>
    internal static readonly TimeSpan GatewayEvidenceLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// For a model Guard could not probe: the gateway's own recent failure with it (its log or transcripts, with the
    /// gateway's own credentials) is conclusive evidence; a turn it served since, or nothing recent, leaves it unknown.
    /// </summary>
    internal static ModelVerdict? FromGateway(string modelId, GatewayObservations? seen, DateTimeOffset now)
    {
        if (seen?.LastFailedAt is not { } failedAt || now - failedAt > GatewayEvidenceLifetime || seen.LastServedAt >= failedAt)
        {
            return null;
        }

        var kind = seen.LastFailureKind ?? FailureKind.Unknown;
        if (kind == FailureKind.Unknown)
        {
            return null;
        }

        return new ModelVerdict(modelId, false, kind, seen.LastFailureStatus,
            $"the gateway saw it fail at {failedAt:u} ({seen.LastFailureEvent}): {seen.LastFailureMessage}", null, Carried: true, null);
    }

    private static void Apply(string modelId, ModelVerdict verdict, ModelState state, DateTimeOffset now, int downAfter, List<HealthTransition> transitions)
    {
        state.LastCheck = now;
        if (verdict.Inconclusive)
        {
            // Counts nothing: consecutive failures, last available and the failure history stay as they were.
            state.Health = ModelHealth.Unknown;
            state.UnknownReason = verdict.Message;
            return;
        }

        state.UnknownReason = null;
        var wasDown = state.Health == ModelHealth.Down;
        if (verdict.Ok)
        {
            state.ConsecutiveFailures = 0;
            state.LastAvailable = now;
            state.LastSuccess = now;
            state.LastError = null;
            state.Health = ModelHealth.Healthy;
            state.RetryAfterUntil = null;
            state.ResetAt = null;
            state.RateLimitedSince = null;
            state.LastStatus = verdict.HttpStatus;
            state.LastLatencyMs = verdict.LatencyMs;
            if (wasDown)
            {
                transitions.Add(new HealthTransition(TransitionKind.ModelRecovered, now, modelId, null, null, null, []));
            }

            return;
        }

        var kind = verdict.Kind ?? FailureKind.Unknown;
        state.ConsecutiveFailures++;
        state.LastFailure = now;
        state.LastFailureKind = kind;
        state.LastError = verdict.Message;
        state.LastStatus = verdict.HttpStatus;
        state.FailureCounts[kind] = state.FailureCounts.GetValueOrDefault(kind) + 1;
        if (!verdict.Carried)
        {
            state.RetryAfterUntil = verdict.RetryAt > now ? verdict.RetryAt : null;
            state.ResetAt = verdict.RetryAt;
        }

        state.Health = state.ConsecutiveFailures >= downAfter ? ModelHealth.Down : ModelHealth.Degraded;
        if (!wasDown && state.Health == ModelHealth.Down)
        {
            transitions.Add(new HealthTransition(TransitionKind.ModelDown, now, modelId, kind, verdict.Message, verdict.RetryAt, []));
        }
    }

    private static RoundSummary UpdateChain(ChainState chain, List<ModelVerdict> verdicts, int chainLength, DateTimeOffset now,
        int downAfter, bool corroborated, List<HealthTransition> transitions)
    {
        chain.LastRound = now;
        chain.Rounds++;
        chain.UsableModels = verdicts.Where(v => v.Ok).Select(v => v.ModelId).ToList();
        chain.UnknownModels = verdicts.Where(v => v.Inconclusive).Select(v => v.ModelId).ToList();
        // Dark means every model of the chain failed conclusively: one Guard knows nothing about may be serving.
        var allFailed = chainLength > 0 && verdicts.Count == chainLength && verdicts.TrueForAll(v => v.Failed);
        if (allFailed)
        {
            chain.ConsecutiveDarkRounds++;
            chain.DarkSince ??= now;
            if (!chain.IsDark && (chain.ConsecutiveDarkRounds >= downAfter || corroborated))
            {
                chain.IsDark = true;
                transitions.Add(new HealthTransition(TransitionKind.ChainDark, now, null, null,
                    $"all {chainLength} models failed {chain.ConsecutiveDarkRounds} round(s) in a row" +
                        (corroborated ? " and the gateway log reported \"All models failed\"" : ""), EarliestRetry(verdicts), Summaries(verdicts)));
            }
        }
        else if (chain.UsableModels.Count > 0)
        {
            if (chain.IsDark)
            {
                transitions.Add(new HealthTransition(TransitionKind.ChainRecovered, now, null, null,
                    $"usable again: {string.Join(", ", chain.UsableModels)}", null, Summaries(verdicts)));
            }

            chain.IsDark = false;
            chain.ConsecutiveDarkRounds = 0;
            chain.DarkSince = null;
        }

        return new RoundSummary(now, verdicts, allFailed, chain.ConsecutiveDarkRounds, chain.IsDark);
    }

    private static DateTimeOffset? EarliestRetry(List<ModelVerdict> verdicts) =>
        verdicts.Where(v => v.RetryAt is not null).Select(v => v.RetryAt).Min();

    private static List<ModelFailureSummary> Summaries(List<ModelVerdict> verdicts) =>
        verdicts.Select(v => new ModelFailureSummary(v.ModelId, v.Ok, v.Kind, v.HttpStatus, v.Message, v.RetryAt)).ToList();

    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "{Transition}: {Subject} ({Kind}) {Message}")]
    private static partial void LogFailing(ILogger logger, TransitionKind transition, string subject, FailureKind? kind, string? message);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "{Transition}: {Subject} {Message}")]
    private static partial void LogRecovered(ILogger logger, TransitionKind transition, string subject, string? message);
}
