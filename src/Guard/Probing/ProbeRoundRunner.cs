using Guard.Configuration;
using Microsoft.Extensions.Logging;

namespace Guard.Probing;

/// <summary>
/// Runs one round over the chain in priority order. The primary goes first; after any failure, models not yet
/// started wait <c>FallbackDelay</c> (jittered up to twice that) — the seed's "wait briefly before trying the
/// backup" — so a failing primary never triggers a burst against every fallback. At most
/// <c>MaxConcurrency</c> models are probed at once.
/// </summary>
public sealed partial class ProbeRoundRunner(IModelProber prober, TimeProvider time, ILogger<ProbeRoundRunner> logger)
{
    private readonly Lock _gate = new();

    /// <summary>Jitter source, replaceable in tests; returns a factor in [0, 1).</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    /// <summary>
    /// Probes every plan; <paramref name="paced"/> false (a confirmation round, already spaced) skips the fallback delay
    /// and the wait for the primary's answer, so every model is probed at once (up to MaxConcurrency).
    /// </summary>
    public async Task<IReadOnlyList<ModelProbeOutcome>> RunAsync(
        IReadOnlyList<ProbePlan> plans, ProbeOptions options, CancellationToken cancellationToken, bool paced = true)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(options);
        var outcomes = new ModelProbeOutcome[plans.Count];
        var pauseUntil = DateTimeOffset.MinValue;
        using var slots = new SemaphoreSlim(options.MaxConcurrency);
        var running = new List<Task>();
        Task? primary = null;

        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            if (plan.Tiers.Count == 0)
            {
                outcomes[i] = new ModelProbeOutcome(plan.Model.Id, []);
                continue;
            }

            if (paced && primary is not null)
            {
                // Nothing else starts until the first probed model has answered: that answer decides the pause.
                await primary.ConfigureAwait(false);
                primary = Task.CompletedTask;
            }

            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            DateTimeOffset startNotBefore;
            lock (_gate)
            {
                startNotBefore = pauseUntil;
            }

            var wait = startNotBefore - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                LogFallbackDelay(logger, plan.Model.Id, wait.TotalSeconds);
                try
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    slots.Release();
                    throw;
                }
            }

            var index = i;
            var task = Task.Run(async () =>
            {
                try
                {
                    var results = await ProbeModelAsync(plan, cancellationToken).ConfigureAwait(false);
                    outcomes[index] = new ModelProbeOutcome(plan.Model.Id, results);
                    if (paced && results.Any(r => !r.Ok))
                    {
                        var delay = options.FallbackDelay * (1 + Jitter());
                        lock (_gate)
                        {
                            var until = time.GetUtcNow() + delay;
                            if (until > pauseUntil)
                            {
                                pauseUntil = until;
                            }
                        }
                    }
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None);
            running.Add(task);
            primary ??= task;
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        return outcomes;
    }

    private async Task<IReadOnlyList<ProbeResult>> ProbeModelAsync(ProbePlan plan, CancellationToken cancellationToken)
    {
        var results = new List<ProbeResult>(2);
        foreach (var tier in plan.Tiers)
        {
            var result = await prober.ProbeAsync(plan.Model, tier, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (!result.Ok && result.Kind == FailureKind.NoApiKey)
            {
                break;
            }
        }

        var reach = results.Find(r => r.Tier == ProbeTier.Reach);
        if (plan.DeepIfReachFails && reach is { Ok: false } && reach.Kind != FailureKind.NoApiKey
            && !plan.Tiers.Contains(ProbeTier.Deep))
        {
            results.Add(await prober.ProbeAsync(plan.Model, ProbeTier.Deep, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    [LoggerMessage(EventId = 2160, Level = LogLevel.Debug, Message = "Waiting {Seconds:F1}s before probing fallback {Model} after a failure")]
    private static partial void LogFallbackDelay(ILogger logger, string model, double seconds);
}
