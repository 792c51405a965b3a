using Guard.Configuration;
using Guard.Quota;
using Guard.State;

namespace Guard.OpenClaw.Advice;

/// <summary>
/// What the advisor weighs besides health: quota left per model (0–100, from the quota watch's headline meter),
/// which models are quota-critical, and whether the owner pinned the primary.
/// </summary>
public sealed record ChainAdviceInputs(IReadOnlyDictionary<string, double> HeadroomPercent, IReadOnlySet<string> QuotaCritical, bool PinPrimary)
{
    public static ChainAdviceInputs None { get; } = new(new Dictionary<string, double>(), new HashSet<string>(), false);

    /// <summary>The same numbers <c>guard quota</c> shows: the headline meter's percentage; critical at <c>CriticalPercent</c>.</summary>
    public static ChainAdviceInputs From(GuardOptions options, GuardState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        var headroom = new Dictionary<string, double>(StringComparer.Ordinal);
        var critical = new HashSet<string>(StringComparer.Ordinal);
        foreach (var quota in QuotaEvaluator.Evaluate(options.Quota, state.Quota ?? new QuotaState(), now))
        {
            if (quota.Headline?.Percent is { } used && double.IsFinite(used))
            {
                headroom[quota.ModelId] = Math.Clamp(100 - used, 0, 100);
                if (used >= options.Quota.CriticalPercent)
                {
                    critical.Add(quota.ModelId);
                }
            }
        }

        foreach (var (id, alert) in state.Quota?.Alerts ?? [])
        {
            if (alert?.Critical == true)
            {
                critical.Add(id);
            }
        }

        return new ChainAdviceInputs(headroom, critical, options.OpenClaw.PinPrimary);
    }
}
