using System.Globalization;
using Guard.State;

namespace Guard.OpenClaw.Heartbeat;

/// <summary>
/// The text Guard puts into HEARTBEAT.md while the chain is degraded but alive (primary down and the gateway on a
/// fallback, a model down). Null when all is well, and also when every model is down: the heartbeat turn runs through
/// the same chain and could not read it then (alerts cover that case).
/// </summary>
public static class HeartbeatSummary
{
    public static string? Build(IReadOnlyList<string> chain, GuardState state)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(state);
        if (chain.Count == 0)
        {
            return null;
        }

        ModelState? Of(string id) => state.Models.GetValueOrDefault(id);
        var usable = chain.Where(id => Of(id) is { Health: ModelHealth.Healthy }).ToList();
        var bad = chain.Where(id => Of(id) is { Health: ModelHealth.Down or ModelHealth.Degraded }).ToList();
        if (bad.Count == 0 || usable.Count == 0)
        {
            return null;
        }

        var lines = new List<string> { "## Guard status (written by Guard, removed when all is well)" };
        var primary = chain[0];
        if (bad.Contains(primary))
        {
            lines.Add($"- Primary {Describe(primary, Of(primary)!)}; the gateway is running on fallback {usable[0]}.");
        }

        lines.AddRange(bad.Where(id => id != primary).Select(id => $"- Fallback {Describe(id, Of(id)!)}."));
        lines.Add("Tell the owner about this once if you have not yet; otherwise reply HEARTBEAT_OK.");
        return string.Join('\n', lines);
    }

    private static string Describe(string id, ModelState m)
    {
        var since = m.LastAvailable is { } at ? $", last worked {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}Z" : "";
        var kind = m.LastFailureKind is { } k ? $" ({k}{(m.LastStatus is { } s ? $", HTTP {s}" : "")})" : "";
        return $"{id} is {m.Health}{kind}{since}";
    }
}
