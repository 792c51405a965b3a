using System.Globalization;
using Guard.Configuration;
using Guard.Recovery;
using Guard.State;

namespace Guard.Watchdog;

/// <summary>The one-line summary sent as systemd <c>STATUS=</c> (shown by <c>systemctl --user status guard</c>).</summary>
public static class StatusLine
{
    public static string Build(GuardState state, GuardOptions options, int chainLength, DateTimeOffset now, bool loopAlive)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        var total = chainLength;
        var parts = new List<string>(4);
        if (!loopAlive)
        {
            parts.Add("PROBE LOOP STALLED");
        }

        parts.Add(state.Chain.LastRound is { } last
            ? string.Create(CultureInfo.InvariantCulture, $"{state.Chain.UsableModels.Count}/{total} models usable, last round {Math.Max(0, (now - last).TotalSeconds):0} s ago")
            : $"{total} models, no round yet");
        if (state.Gateway.LastCheck is not null)
        {
            parts.Add(state.Gateway.ActiveState is { } active ? $"gateway {active}" : "gateway unavailable");
        }

        var budget = RestartBudget.Check(state.Restarts, now, options.Recovery);
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"restarts {budget.UsedInWindow}/{options.Recovery.MaxRestarts} in window"));
        if (state.Recovery.ManualInterventionNeeded)
        {
            parts.Add("MANUAL INTERVENTION NEEDED");
        }

        // sd_notify fields are newline-separated: the summary must stay on one line.
        return string.Join("; ", parts).ReplaceLineEndings(" ");
    }
}
