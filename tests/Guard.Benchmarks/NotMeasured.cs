namespace Guard.Benchmarks;

/// <summary>Figures the harness does not produce yet, listed so the table never hides them.</summary>
internal static class NotMeasured
{
    public static IReadOnlyList<BenchmarkRow> Rows() =>
    [
        new("Outage drill, real systemd user manager + guard run: detect / alert / recover", "≤ 90 s / — / ≤ 120 s", "not measured",
            "needs a drill around SystemdUserManagerFixture + scripted providers + webhook receiver; the fake-time rows above give the decision timing"),
        new("Passive gateway-log signal: 'All models failed' → ChainDark", "≤ 5 s", "not measured", "the gateway-log follower exists (src/Guard/OpenClaw); no harness verb drives it yet"),
    ];
}
