using System.Globalization;
using Guard.State;

namespace Guard.Cli;

/// <summary>Renders <see cref="GuardState"/> for humans: a chain line, then one row per model.</summary>
public static class StatusPrinter
{
    internal const int MessageWidth = 60;

    /// <summary>Configured models (<paramref name="chain"/>, in chain order) come first, as Unknown when absent from the state.</summary>
    public static void Print(TextWriter output, GuardState state, IReadOnlyList<string> chain, string path, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(chain);
        output.WriteLine($"State      {path}");
        output.WriteLine($"Last check {When(state.LastCheck, now)}");
        output.WriteLine($"Chain      {DescribeChain(state.Chain, now)}");
        if (state.Restarts.Count > 0)
        {
            var last = state.Restarts[^1];
            output.WriteLine($"Restarts   {state.Restarts.Count}, last {When(last.At, now)}: {last.Reason} -> {Dash(last.Outcome)}");
        }

        if (state.Gateway.LastCheck is not null)
        {
            output.WriteLine($"Gateway    {DescribeGateway(state.Gateway, now)}");
        }

        if (state.Recovery.ManualInterventionNeeded)
        {
            output.WriteLine($"Recovery   MANUAL INTERVENTION NEEDED since {When(state.Recovery.ManualInterventionSince, now)}: restart budget used up, no automatic restarts until a model answers");
        }

        output.WriteLine();
        var rows = new List<string[]> { new[] { "MODEL", "HEALTH", "FAILS", "LAST AVAILABLE", "LAST FAILURE", "STATUS", "MESSAGE" } };
        var ids = chain.Concat(state.Models.Keys.Where(k => !chain.Contains(k, StringComparer.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var configured = chain.Contains(id, StringComparer.Ordinal);
            var name = configured ? id : id + " (not configured)";
            if (!state.Models.TryGetValue(id, out var m))
            {
                rows.Add([name, nameof(ModelHealth.Unknown), "-", "never seen", "-", "-", "-"]);
                continue;
            }

            rows.Add(
            [
                name,
                m.Health.ToString(),
                m.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture),
                m.LastAvailable is null ? "never" : When(m.LastAvailable, now),
                m.LastFailureKind?.ToString() ?? "-",
                m.LastStatus?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Truncate(m.LastError),
            ]);
        }

        WriteTable(output, rows);
        if (state.Quota?.Evidence is { Count: > 0 } evidence)
        {
            // Passive evidence from real traffic in OpenClaw's transcripts (never counted as probe rounds).
            output.WriteLine();
            foreach (var (id, turns) in evidence.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"Evidence   transcript {id}: {turns.Ok} ok, {turns.Failed} failed; last ok {When(turns.LastOkAt, now)}, last failure {When(turns.LastFailedAt, now)}");
            }
        }
    }

    /// <summary>"2026-02-12 21:00:00Z (5m ago)"; "-" when absent.</summary>
    public static string When(DateTimeOffset? at, DateTimeOffset now) =>
        at is null
            ? "-"
            : $"{at.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)} ({Relative(at.Value, now)})";

    /// <summary>"just now", "5m ago", "2h 3m ago", "3d 4h ago", or "in 5m" for future times.</summary>
    public static string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        var future = span < TimeSpan.Zero;
        span = span.Duration();
        var text = span switch
        {
            { TotalSeconds: < 1 } => null,
            { TotalMinutes: < 1 } => $"{span.Seconds}s",
            { TotalHours: < 1 } => $"{span.Minutes}m",
            { TotalDays: < 1 } => span.Minutes == 0 ? $"{span.Hours}h" : $"{span.Hours}h {span.Minutes}m",
            _ => span.Hours == 0 ? $"{span.Days}d" : $"{span.Days}d {span.Hours}h",
        };
        return text is null ? "just now" : future ? $"in {text}" : $"{text} ago";
    }

    internal static string Truncate(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "-";
        }

        // Provider messages may span lines; a table row may not.
        var flat = string.Join(' ', message.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length <= MessageWidth ? flat : string.Concat(flat.AsSpan(0, MessageWidth - 1), "…");
    }

    private static string DescribeChain(ChainState chain, DateTimeOffset now)
    {
        var usable = chain.UsableModels.Count == 0 ? "none" : string.Join(", ", chain.UsableModels);
        var rounds = $"{chain.Rounds} round{(chain.Rounds == 1 ? "" : "s")} so far";
        if (chain.ConsecutiveDarkRounds > 0 || chain.DarkSince is not null)
        {
            return $"{(chain.IsDark ? "DARK" : "FAILING")}: no usable model for {chain.ConsecutiveDarkRounds} consecutive round{(chain.ConsecutiveDarkRounds == 1 ? "" : "s")}"
                + $"{(chain.DarkSince is null ? "" : $", since {When(chain.DarkSince, now)}")}; {rounds}";
        }

        return chain.Rounds == 0 && chain.LastRound is null
            ? "no probe round yet"
            : $"ok: usable {usable}; last round {When(chain.LastRound, now)}; {rounds}";
    }

    private static string DescribeGateway(GatewayState gateway, DateTimeOffset now)
    {
        var unit = gateway.Unit ?? "gateway";
        var text = gateway.ActiveState is null
            ? $"{unit}: {gateway.Problem ?? "unknown"}"
            : $"{unit} {gateway.ActiveState}/{gateway.SubState}" + (gateway.Result is null or "success" ? "" : $", result {gateway.Result}")
                + (gateway.HealthUrlOk switch
                {
                    true => ", health URL ok",
                    false => $", health URL FAILING ({gateway.ConsecutiveHealthFailures} in a row)",
                    null => "",
                });
        return $"{text}; checked {When(gateway.LastCheck, now)}";
    }

    private static string Dash(string? text) => string.IsNullOrEmpty(text) ? "-" : text;

    private static void WriteTable(TextWriter output, List<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
