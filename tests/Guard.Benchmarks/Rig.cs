using Guard.Chain;
using Guard.Configuration;
using Guard.Events;
using Guard.Probing;
using Guard.State;
using Guard.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.Benchmarks;

/// <summary>Guard's real scheduler, runner and tracker around a given prober, as <c>guard run</c> composes them.</summary>
internal static class Rig
{
    public static ProbeScheduler Scheduler(GuardOptions options, IModelProber prober, TimeProvider time, StateStore store)
    {
        var live = new LiveOptions(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        var runner = new ProbeRoundRunner(prober, time, NullLogger<ProbeRoundRunner>.Instance);
        var hub = new EventHub(NullLogger<EventHub>.Instance);
        var tracker = new FailureTracker(store, hub, time, NullLogger<FailureTracker>.Instance);
        return new ProbeScheduler(live, new ModelChain(), runner, tracker, store, new ProbeLoopHeartbeat(), hub, time, NullLogger<ProbeScheduler>.Instance);
    }

    /// <summary>Current and peak resident set of this process from /proc (kB), or (0, 0) off Linux.</summary>
    public static (long RssKb, long HwmKb) Memory(int pid = 0)
    {
        var path = pid == 0 ? "/proc/self/status" : $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return (0, 0);
        }

        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return (rss, hwm);
    }
}
