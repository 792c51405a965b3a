namespace Guard.Benchmarks;

/// <summary>Figures the harness does not produce yet, listed so the table never hides them.</summary>
internal static class NotMeasured
{
    public static IReadOnlyList<BenchmarkRow> Rows() =>
    [
        new("Outage drill: fault onset → ChainDark", "≤ 90 s", "not measured",
            "needs the drill verb around SystemdUserManagerFixture + scripted providers; by construction 3 rounds × 30 s = 60–90 s (Probe:DownAfter 3)"),
        new("Outage drill: → webhook receipt", "—", "not measured", "same drill"),
        new("Outage drill: → restarted, verified, first healthy round", "≤ 120 s", "not measured", "same drill"),
        new("Passive gateway-log signal: 'All models failed' → ChainDark", "≤ 5 s", "not measured", "no gateway-log watcher in main"),
        new("Transcript reader throughput vs raw sequential read", "ratio", "not measured", "no transcript reader in main"),
    ];
}
