using Guard.Configuration;
using Guard.Probing;

namespace Guard.Watchdog;

/// <summary>
/// How long the probe loop may go without a heartbeat before Guard stops feeding systemd's watchdog.
/// The loop beats when it wakes for a tick and when a round ends, so between two beats lies either the wait for
/// the next tick (at most one schedule period) or one round — and a round may first wait for a verification round
/// the recovery actor is running. The longest round: each model probes at most two tiers, each tier at most two
/// attempts (one quick retry, ≤ 2 s apart) of its timeout, models after the primary start in batches of
/// MaxConcurrency (MaxConcurrencyPerProvider if lower: a chain on one provider starts that many at a time), and a failure delays each later start by up to twice FallbackDelay (jitter). The allowance is
/// twice period + round, so a slow but healthy loop is never taken for a stuck one.
/// </summary>
public static class ProbeLoopLiveness
{
    private static readonly TimeSpan QuickRetryDelay = TimeSpan.FromSeconds(2);

    public static TimeSpan LongestRound(GuardOptions options, IReadOnlyList<ModelDefinition> chain)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var timeout = chain.Max(m => m.Timeout > TimeSpan.Zero ? m.Timeout : options.Probe.Timeout);
        var tiers = chain.Max(m => Math.Max(1, m.Tiers.Count));
        var perModel = tiers * ((2 * timeout) + QuickRetryDelay);
        var concurrency = Math.Min(options.Probe.MaxConcurrency, options.Probe.MaxConcurrencyPerProvider);
        var batches = 1 + (int)Math.Ceiling((chain.Count - 1) / (double)concurrency);
        return (perModel * batches) + (2 * options.Probe.FallbackDelay * chain.Count);
    }

    /// <summary>The largest gap between two schedule ticks after <paramref name="now"/> (cron periods can be uneven).</summary>
    public static TimeSpan Period(string schedule, DateTimeOffset now)
    {
        var parsed = new ProbeSchedule(schedule);
        var longest = TimeSpan.Zero;
        var at = parsed.Next(now);
        for (var i = 0; i < 8; i++)
        {
            var next = parsed.Next(at);
            longest = next - at > longest ? next - at : longest;
            at = next;
        }

        return longest;
    }

    public static TimeSpan Allowance(GuardOptions options, IReadOnlyList<ModelDefinition> chain, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        return 2 * (Period(options.Probe.Schedule, now) + LongestRound(options, chain));
    }

    /// <summary>Whether a loop whose last beat was <paramref name="lastBeat"/> (null: not started; counted from <paramref name="since"/>) still counts as making progress.</summary>
    public static bool IsAlive(DateTimeOffset? lastBeat, DateTimeOffset since, DateTimeOffset now, TimeSpan allowance) =>
        now - (lastBeat ?? since) <= allowance;
}
