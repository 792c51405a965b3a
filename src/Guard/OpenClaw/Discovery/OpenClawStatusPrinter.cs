using Guard.Chain;
using Guard.Configuration;
using Guard.OpenClaw.Advice;
using Guard.OpenClaw.Cooldowns;
using Guard.State;

namespace Guard.OpenClaw.Discovery;

/// <summary>The OpenClaw lines of <c>guard status</c>: chain advice and stale cooldowns.</summary>
public static class OpenClawStatusPrinter
{
    public static void Print(TextWriter output, GuardOptions options, IModelChain modelChain, GuardState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        if (options.OpenClaw.Reorder != ReorderMode.Off)
        {
            var chain = AdvisedChain.For(options, modelChain);
            output.WriteLine();
            output.WriteLine($"Advice     {ChainAdvisor.Recommend(chain, state, ChainAdviceInputs.From(options, state, now)).DescribeEntries()}");
        }

        PrintReorder(output, state.Reorder);

        var discovery = modelChain.Discovery(options.OpenClaw);
        if (discovery is null)
        {
            return;
        }

        foreach (var finding in StaleCooldownFinder.Find(discovery, state, now, now - options.Probe.DeepEvery - options.OpenClaw.RediscoverEvery))
        {
            output.WriteLine($"Cooldown   {finding.Describe()}");
        }
    }

    private static void PrintReorder(TextWriter output, ReorderState? reorder)
    {
        if (reorder?.Applied is { } applied)
        {
            output.WriteLine($"Reorder    Guard's order in effect since {Alerts.Rendering.AlertFormat.Time(reorder.LastChangeAt)}: {string.Join(" → ", applied)} ({reorder.Why})");
            output.WriteLine($"           the owner's order {string.Join(" → ", reorder.Original ?? [])} returns once its primary is healthy long enough");
        }

        if (reorder?.LastProblem is { } problem)
        {
            output.WriteLine($"Reorder    last write failed at {Alerts.Rendering.AlertFormat.Time(reorder.LastAttemptAt)}: {problem}");
        }
    }
}
