using Guard.Configuration;
using Microsoft.Extensions.Logging;

namespace Guard.Probing;

/// <summary>
/// Runs one round over the chain in priority order. The primary goes first; after any failure, models not yet
/// started wait <c>FallbackDelay</c> (jittered up to twice that) — the seed's "wait briefly before trying the
/// backup" — so a failing primary never triggers a burst against every fallback. At most
/// <c>MaxConcurrency</c> models are probed at once, and at most <c>MaxConcurrencyPerProvider</c> against one
/// provider (its base URL's host and port): the next model to start is the first in chain order whose provider
/// has a free slot, so a chain grouped by provider still fills the global slots.
/// </summary>
public sealed partial class ProbeRoundRunner(IModelProber prober, TimeProvider time, ILogger<ProbeRoundRunner> logger)
{
    private readonly Lock _gate = new();

    /// <summary>Jitter source, replaceable in tests; returns a factor in [0, 1).</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    /// <summary>
    /// Probes every plan; <paramref name="paced"/> false (a confirmation round, already spaced) skips the fallback delay
    /// and the wait for the primary's answer, so every model is probed at once (up to MaxConcurrency and
    /// MaxConcurrencyPerProvider).
    /// </summary>
    public async Task<IReadOnlyList<ModelProbeOutcome>> RunAsync(
        IReadOnlyList<ProbePlan> plans, ProbeOptions options, CancellationToken cancellationToken, bool paced = true)
    {
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(options);
        var outcomes = new ModelProbeOutcome[plans.Count];
        var pauseUntil = DateTimeOffset.MinValue;
        var pending = new List<int>(plans.Count);
        var providers = new string[plans.Count];
        for (var i = 0; i < plans.Count; i++)
        {
            providers[i] = ProviderKey(plans[i].Model);
            if (plans[i].Tiers.Count == 0)
            {
                outcomes[i] = new ModelProbeOutcome(plans[i].Model.Id, []);
            }
            else
            {
                pending.Add(i);
            }
        }

        // Only this method's loop touches these; tasks report back by completing.
        var running = new Dictionary<Task, string>();
        var perProvider = new Dictionary<string, int>(StringComparer.Ordinal);
        var all = new List<Task>(pending.Count);
        var primaryDone = false;

        while (pending.Count > 0)
        {
            var next = running.Count < options.MaxConcurrency ? FirstStartable(providers, pending, perProvider, options.MaxConcurrencyPerProvider) : -1;
            if (next < 0)
            {
                var finished = await Task.WhenAny(running.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
                Release(running, perProvider, finished);
                continue;
            }

            var index = pending[next];
            pending.RemoveAt(next);
            var plan = plans[index];
            DateTimeOffset startNotBefore;
            lock (_gate)
            {
                startNotBefore = pauseUntil;
            }

            var wait = startNotBefore - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                LogFallbackDelay(logger, plan.Model.Id, wait.TotalSeconds);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            var provider = providers[index];
            perProvider[provider] = perProvider.GetValueOrDefault(provider) + 1;
            var task = Task.Run(async () =>
            {
                var results = await ProbeModelAsync(plan, cancellationToken).ConfigureAwait(false);
                outcomes[index] = new ModelProbeOutcome(plan.Model.Id, results);
                if (paced && results.Any(r => !r.Ok && !r.NotRun))
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
            }, CancellationToken.None);
            running.Add(task, provider);
            all.Add(task);

            if (paced && !primaryDone)
            {
                // Nothing else starts until the first probed model has answered: that answer decides the pause.
                primaryDone = true;
                await task.WaitAsync(cancellationToken).ConfigureAwait(false);
                Release(running, perProvider, task);
            }
        }

        await Task.WhenAll(all).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>Models against one provider share its limits; the endpoint, not the id, is what the provider sees.</summary>
    internal static string ProviderKey(ModelDefinition model) =>
        Uri.TryCreate(model.BaseUrl, UriKind.Absolute, out var uri)
            ? uri.Authority.ToLowerInvariant()
            : model.Provider;

    /// <summary>Position in <paramref name="pending"/> of the first model whose provider has a free slot, or -1.</summary>
    private static int FirstStartable(string[] providers, List<int> pending, Dictionary<string, int> perProvider, int perProviderLimit)
    {
        for (var i = 0; i < pending.Count; i++)
        {
            if (perProvider.GetValueOrDefault(providers[pending[i]]) < perProviderLimit)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Release(Dictionary<Task, string> running, Dictionary<string, int> perProvider, Task finished)
    {
        if (running.Remove(finished, out var provider))
        {
            perProvider[provider]--;
        }
    }

    private async Task<IReadOnlyList<ProbeResult>> ProbeModelAsync(ProbePlan plan, CancellationToken cancellationToken)
    {
        var results = new List<ProbeResult>(2);
        foreach (var tier in plan.Tiers)
        {
            var result = await prober.ProbeAsync(plan.Model, tier, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (result.NotRun)
            {
                break;
            }
        }

        var reach = results.Find(r => r.Tier == ProbeTier.Reach);
        if (plan.DeepIfReachFails && reach is { Ok: false, NotRun: false }
            && !plan.Tiers.Contains(ProbeTier.Deep))
        {
            results.Add(await prober.ProbeAsync(plan.Model, ProbeTier.Deep, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    [LoggerMessage(EventId = 2160, Level = LogLevel.Debug, Message = "Waiting {Seconds:F1}s before probing fallback {Model} after a failure")]
    private static partial void LogFallbackDelay(ILogger logger, string model, double seconds);
}
