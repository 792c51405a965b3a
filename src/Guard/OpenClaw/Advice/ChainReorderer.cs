using Guard.Chain;
using Guard.Alerts;
using Guard.Configuration;
using Guard.OpenClaw.Cli;
using Guard.OpenClaw.Discovery;
using Guard.State;
using Guard.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.OpenClaw.Advice;

/// <summary>
/// <c>Guard:OpenClaw:Reorder = Apply</c>: while the primary is down or quota-critical and a fallback is healthy, writes
/// the recommended order through the <c>openclaw</c> CLI (the gateway hot-reloads it); writes the owner's order back once
/// the original primary has been healthy for <c>RestoreAfter</c>. At most one write attempt per <c>ReorderMinInterval</c>.
/// A chain the owner changed in between is adopted, never overwritten.
/// </summary>
public sealed class ChainReorderer(
    LiveOptions options,
    IModelChain modelChain,
    StateStore store,
    IAlertPublisher alerts,
    TimeProvider time,
    ILogger<ChainReorderer> logger,
    Func<string, string?>? getEnv = null) : PeriodicService(time, logger)
{
    public const string FailedFingerprint = "ChainReorderFailed";

    /// <summary>How often the chain is looked at; restores are timed to this granularity.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan ConfirmEvery = TimeSpan.FromMinutes(1);

    private readonly Func<string, string?> _getEnv = getEnv ?? Environment.GetEnvironmentVariable;
    private DateTimeOffset? _lastConfirmAt;

    protected override Task TickAsync(CancellationToken cancellationToken) => EvaluateAsync(cancellationToken);

    protected override TimeSpan NextWait() => CheckEvery;

    /// <summary>One pass; returns what it did ("none", "adopted", "applied", "restored", "held", "failed"). Callable by tests.</summary>
    public async Task<string> EvaluateAsync(CancellationToken cancellationToken)
    {
        var current = options.Current;
        var openClaw = current.OpenClaw;
        if (modelChain.Discovery(openClaw) is not { } discovery || discovery.DefaultChain is not { Count: >= 2 } chain)
        {
            return "none";
        }

        var now = Time.GetUtcNow();
        var (inputs, state, reorder) = Read(current, now);
        if (openClaw.Reorder != ReorderMode.Apply && reorder.Applied is null)
        {
            return "none"; // nothing of Guard's is in effect, so there is nothing to track or undo
        }

        var stored = reorder.Copy();
        var outcome = await ReconcileAsync(reorder, chain, discovery, cancellationToken).ConfigureAwait(false);
        if (outcome == "pending")
        {
            return "none";
        }

        var original = reorder.Original!;
        var primaryHealthy = state.Models.GetValueOrDefault(original[0])?.Health == ModelHealth.Healthy && !inputs.QuotaCritical.Contains(original[0]);
        reorder.PrimaryHealthySince = primaryHealthy ? reorder.PrimaryHealthySince ?? now : null;
        Save(reorder, stored);
        if (outcome == "adopted")
        {
            return outcome;
        }

        var (target, action, why) = Decide(current, state, reorder, chain, inputs, primaryHealthy, now);
        if (target is null)
        {
            return "none";
        }

        var notBefore = new[] { reorder.LastChangeAt, reorder.LastAttemptAt }.Max() + openClaw.ReorderMinInterval;
        if (notBefore > now)
        {
            logger.HeldBack(why, notBefore.Value);
            return "held";
        }

        return await WriteAsync(reorder, discovery, chain, target, action, why, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Compares the discovered chain with what Guard remembers: "ok", "pending" or "adopted". A mismatch is confirmed with
    /// the CLI first: discovery may simply not have re-read Guard's own write yet, and adopting that would lose the
    /// owner's order. An unreadable chain decides nothing ("pending").
    /// </summary>
    private async Task<string> ReconcileAsync(ReorderState reorder, IReadOnlyList<string> chain, OpenClawDiscoveryResult discovery, CancellationToken cancellationToken)
    {
        if (reorder.Original is not { Count: > 0 })
        {
            reorder.Original = [.. chain];
            logger.RememberedOriginal(Format(chain));
            return "ok";
        }

        var expected = reorder.Applied ?? reorder.Original;
        if (Same(chain, expected))
        {
            return "ok";
        }

        // At most one confirming read a minute, so a broken CLI or a slow rediscovery does not start a process every pass.
        var now = Time.GetUtcNow();
        if (now - _lastConfirmAt < ConfirmEvery)
        {
            return "pending";
        }

        _lastConfirmAt = now;
        var (actual, _) = await Writer(discovery).ReadAsync(cancellationToken).ConfigureAwait(false);
        if (actual is null || Same(actual, expected))
        {
            return "pending";
        }

        Adopt(reorder, actual);
        return "adopted";
    }

    private (IReadOnlyList<string>? Target, string Action, string Why) Decide(
        GuardOptions current, GuardState state, ReorderState reorder, IReadOnlyList<string> chain, ChainAdviceInputs inputs, bool primaryHealthy, DateTimeOffset now)
    {
        var openClaw = current.OpenClaw;
        if (reorder.Applied is not null)
        {
            if (openClaw.Reorder != ReorderMode.Apply)
            {
                return (reorder.Original, "restored", $"Guard:OpenClaw:Reorder is {openClaw.Reorder}");
            }

            if (primaryHealthy && now - reorder.PrimaryHealthySince >= openClaw.RestoreAfter)
            {
                return (reorder.Original, "restored", $"{reorder.Original![0]} healthy for {Alerts.Rendering.AlertFormat.Duration(now - reorder.PrimaryHealthySince!.Value)}");
            }

            if (primaryHealthy)
            {
                return (null, "", ""); // the owner's primary is back: wait for RestoreAfter rather than shuffle again
            }
        }

        if (openClaw.Reorder != ReorderMode.Apply)
        {
            return (null, "", "");
        }

        var advice = ChainAdvisor.Recommend(chain, state, inputs);
        var primary = state.Models.GetValueOrDefault(chain[0]);
        var primaryInTrouble = primary?.Health == ModelHealth.Down || inputs.QuotaCritical.Contains(chain[0]);
        var healthyFallback = advice.Entries.Skip(1).Any(e => e.Health == ModelHealth.Healthy && !e.QuotaCritical)
            || (advice.PrimaryMoved && advice.Entries[0].Health == ModelHealth.Healthy);
        return primaryInTrouble && healthyFallback && advice.Changed ? (advice.Recommended, "applied", advice.Why) : (null, "", "");
    }

    private async Task<string> WriteAsync(ReorderState reorder, OpenClawDiscoveryResult discovery, IReadOnlyList<string> chain,
        IReadOnlyList<string> target, string action, string why, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var writer = Writer(discovery);
        reorder.LastAttemptAt = now;
        Save(reorder, null);

        // Re-read right before writing: the owner may have edited the chain since the last discovery.
        var (actual, problem) = await writer.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (actual is not null && !Same(actual, chain))
        {
            Adopt(reorder, actual);
            Save(reorder, null);
            return "adopted";
        }

        problem ??= await writer.WriteAsync(target, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return Failed(reorder, chain, target, problem, now);
        }

        reorder.Applied = action == "restored" ? null : [.. target];
        reorder.Why = action == "restored" ? null : why;
        reorder.LastChangeAt = now;
        reorder.LastProblem = null;
        Save(reorder, null);
        logger.Reordered(action, Format(chain), Format(target), why);
        alerts.Resolve(FailedFingerprint, now, "the chain was written");
        alerts.Raise(new AlertEvent
        {
            Kind = AlertEventKind.ChainReordered,
            Severity = AlertSeverity.Warning,
            Fingerprint = $"ChainReordered|{action}|{Format(target)}",
            At = now,
            Model = target[0],
            Detail = action == "restored"
                ? $"已恢复原顺序 the owner's order is back ({why})"
                : $"已写入新顺序 Guard wrote a new order ({why}); the owner's order returns once {reorder.Original![0]} is healthy for {Alerts.Rendering.AlertFormat.Duration(options.Current.OpenClaw.RestoreAfter)}",
            OneShot = true,
            Labels = new Dictionary<string, string> { ["action"] = action, ["from"] = Format(chain), ["to"] = Format(target) },
        });
        return action;
    }

    private string Failed(ReorderState reorder, IReadOnlyList<string> chain, IReadOnlyList<string> target, string problem, DateTimeOffset now)
    {
        reorder.LastProblem = problem;
        Save(reorder, null);
        logger.ReorderFailed(problem);
        // Raising a firing fingerprint again is a no-op: one notice per failure episode, resolved by the next success.
        alerts.Raise(new AlertEvent
        {
            Kind = AlertEventKind.ChainReorderFailed,
            Severity = AlertSeverity.Warning,
            Fingerprint = FailedFingerprint,
            At = now,
            Detail = $"{problem}; next attempt after {Alerts.Rendering.AlertFormat.Time(now + options.Current.OpenClaw.ReorderMinInterval)}",
            Labels = new Dictionary<string, string> { ["from"] = Format(chain), ["to"] = Format(target) },
        });
        return "failed";
    }

    private OpenClawChainWriter Writer(OpenClawDiscoveryResult discovery) =>
        new(new OpenClawCli(options.Current.OpenClaw, Time, _getEnv), discovery.Paths);

    private void Adopt(ReorderState reorder, IReadOnlyList<string> chain)
    {
        logger.ChangedOutside(Format(chain));
        reorder.Original = [.. chain];
        reorder.Applied = null;
        reorder.Why = null;
        reorder.PrimaryHealthySince = null;
    }

    /// <summary>Stores a copy, and only when something changed: every update is a state-file write.</summary>
    private void Save(ReorderState reorder, ReorderState? stored)
    {
        if (stored is null || !reorder.SameAs(stored))
        {
            var copy = reorder.Copy();
            store.Update(s => s.Reorder = copy);
        }
    }

    /// <summary>Health and latency of every model, quota inputs and the reorder state, copied out without cloning the whole state.</summary>
    private (ChainAdviceInputs Inputs, GuardState Health, ReorderState Reorder) Read(GuardOptions current, DateTimeOffset now) =>
        store.Read(s =>
        {
            var health = new GuardState();
            foreach (var (id, model) in s.Models)
            {
                health.Models[id] = new ModelState { Health = model.Health, LastLatencyMs = model.LastLatencyMs };
            }

            return (ChainAdviceInputs.From(current, s, now), health, (s.Reorder ?? new ReorderState()).Copy());
        });

    private static bool Same(IReadOnlyList<string> a, IReadOnlyList<string> b) => a.SequenceEqual(b, StringComparer.Ordinal);

    private static string Format(IEnumerable<string> chain) => string.Join(" → ", chain);
}
