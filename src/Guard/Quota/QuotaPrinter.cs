namespace Guard.Quota;

/// <summary>The human table of <c>guard quota</c>.</summary>
public static class QuotaPrinter
{
    public static void Print(TextWriter output, IReadOnlyList<ModelQuota> quotas, QuotaState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(quotas);
        ArgumentNullException.ThrowIfNull(state);
        var rows = quotas.SelectMany(q => q.Meters).ToList();
        if (rows.Count == 0)
        {
            output.WriteLine("No usage recorded and no budgets configured (Guard:Quota:Budgets).");
            return;
        }

        string[] header = ["MODEL", "METER", "USED", "LIMIT", "%", "WINDOW", "RATE", "RUNS OUT", "SOURCE"];
        var table = rows.Select(m => new[]
        {
            m.ModelId,
            m.Meter.ToString().ToLowerInvariant() + (m.IsRateLimit ? " (rate limit)" : ""),
            QuotaFormat.Compact(m.Used),
            m.Limit is { } limit ? QuotaFormat.Compact(limit) : m.Remaining is { } left ? "left " + QuotaFormat.Compact(left) : "—",
            QuotaFormat.Percent(m.Percent),
            QuotaFormat.Window(m),
            m.PerHour > 0 ? QuotaFormat.Rate(m.PerHour, m.Meter) : "—",
            m.ExhaustsAt is { } at ? (at <= now ? "now" : $"{QuotaFormat.Time(at)} (in {QuotaFormat.Duration(at - now)})") : "—",
            m.Source,
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, table.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in table)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }

        output.WriteLine();
        output.WriteLine($"Evaluated {QuotaFormat.Time(now)}; last quota check {QuotaFormat.Time(state.LastCheck)}; {state.MalformedLines} malformed transcript lines skipped.");
    }
}
