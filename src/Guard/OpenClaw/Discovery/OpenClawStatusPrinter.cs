using Guard.Configuration;
using Guard.OpenClaw.Advice;
using Guard.OpenClaw.Cooldowns;
using Guard.State;

namespace Guard.OpenClaw.Discovery;

/// <summary>The OpenClaw lines of <c>guard status</c>: chain advice and stale cooldowns.</summary>
public static class OpenClawStatusPrinter
{
    public static void Print(TextWriter output, GuardOptions options, GuardState state, OpenClawDiscoveryResult? discovery, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        if (options.OpenClaw.Reorder != ReorderMode.Off)
        {
            var chain = ModelCatalog.Resolve(options).Select(m => m.Id).ToList();
            output.WriteLine();
            output.WriteLine($"Advice     {ChainAdvisor.Recommend(chain, state).Describe()}");
        }

        if (discovery is null)
        {
            return;
        }

        foreach (var finding in StaleCooldownFinder.Find(discovery, state, now, now - options.Probe.DeepEvery - options.OpenClaw.RediscoverEvery))
        {
            output.WriteLine($"Cooldown   {finding.Describe()}");
        }
    }
}
