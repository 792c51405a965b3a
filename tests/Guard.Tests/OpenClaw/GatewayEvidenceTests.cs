using Guard.OpenClaw.GatewayLog;
using Guard.State;

namespace Guard.Tests.OpenClaw;

public sealed class GatewayEvidenceTests : IDisposable
{
    private readonly GatewayFixture _f = new();

    public void Dispose() => _f.Dispose();

    private ModelState Model(string id) => _f.Store.Snapshot().Models[id];

    [Fact]
    public async Task Real_traffic_moves_the_deep_probe_clock_but_never_the_round_counters()
    {
        _f.SetHealth("zhipu/glm-4.7", ModelHealth.Healthy, GatewayFixture.Start, lastDeep: GatewayFixture.Start.AddMinutes(-29));
        await _f.Watcher.PollOnceAsync(CancellationToken.None);
        var servedAt = GatewayFixture.Start.AddSeconds(10);

        _f.Append(GatewayLogLines.FallbackSucceeded(servedAt, "zhipu", "glm-4.7"));
        await _f.Watcher.PollOnceAsync(CancellationToken.None);

        var m = Model("zhipu/glm-4.7");
        Assert.Equal(servedAt, m.LastDeepProbe); // the next paid deep probe waits a full DeepEvery
        Assert.Equal((0, ModelHealth.Healthy, GatewayFixture.Start), (m.ConsecutiveFailures, m.Health, m.LastSuccess!.Value));
    }

    [Fact]
    public async Task A_gateway_failure_of_a_healthy_model_brings_its_deep_probe_forward()
    {
        _f.SetHealth("google/gemini-3-flash-preview", ModelHealth.Healthy, GatewayFixture.Start, lastDeep: GatewayFixture.Start.AddMinutes(-1));
        await _f.Watcher.PollOnceAsync(CancellationToken.None);

        _f.Append(GatewayLogLines.FallbackFailed(GatewayFixture.Start.AddSeconds(5), "google", "gemini-3-flash-preview", "rate_limit", 429));
        await _f.Watcher.PollOnceAsync(CancellationToken.None);

        var m = Model("google/gemini-3-flash-preview");
        Assert.Null(m.LastDeepProbe);
        Assert.Equal((0, ModelHealth.Healthy), (m.ConsecutiveFailures, m.Health)); // passive: no round counted
    }

    [Fact]
    public void Success_does_not_shortcut_a_failing_model_and_unknown_models_are_ignored()
    {
        _f.SetHealth("google/gemini-3-flash-preview", ModelHealth.Down, null, lastDeep: GatewayFixture.Start.AddMinutes(-5));
        var recorder = new GatewayEvidenceRecorder(_f.Store);

        recorder.Record(new GatewayEvidence(GatewayFixture.Start, "google/gemini-3-flash-preview", true, null, null, null, null, Guard.Probing.EvidenceSource.GatewayLog, "x"));
        recorder.Record(new GatewayEvidence(GatewayFixture.Start.AddSeconds(1), "other/model", true, null, null, null, null, Guard.Probing.EvidenceSource.GatewayLog, "x"));

        Assert.Equal(GatewayFixture.Start.AddMinutes(-5), Model("google/gemini-3-flash-preview").LastDeepProbe);
        Assert.Equal(ModelHealth.Down, Model("google/gemini-3-flash-preview").Health); // a served turn is no probe round
        Assert.Equal(GatewayFixture.Start, Model("google/gemini-3-flash-preview").Gateway!.LastServedAt);
        Assert.False(_f.Store.Snapshot().Models.ContainsKey("other/model"));
        // …but any served turn, with any model, is proof the gateway is serving.
        Assert.Equal((GatewayFixture.Start.AddSeconds(1), "other/model"), (_f.Store.Snapshot().Chain.LastServedAt, _f.Store.Snapshot().Chain.LastServedModel));
    }
}
