using Guard.OpenClaw.GatewayLog;
using Guard.Probing;
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
    public void A_cooldown_skip_keeps_the_kind_of_the_call_that_caused_the_cooldown()
    {
        const string id = "google/gemini-3-flash-preview";
        _f.SetHealth(id, ModelHealth.Healthy, GatewayFixture.Start, lastDeep: GatewayFixture.Start);
        var recorder = new GatewayEvidenceRecorder(_f.Store);
        recorder.Record(new GatewayEvidence(GatewayFixture.Start, id, false, FailureKind.QuotaExhausted, 429, "rate_limit", "insufficient_quota", EvidenceSource.GatewayLog, "model_fallback_decision"));

        // The next turn skips the model: 9.x words it as an auth/billing failure with a 401.
        var skipAt = GatewayFixture.Start.AddMinutes(1);
        Assert.True(recorder.Record(new GatewayEvidence(skipAt, id, false, FailureKind.AuthFailed, 401, "auth", "temporarily disabled", EvidenceSource.GatewayLog, "model_fallback_decision") { CooldownSkip = true }));

        var seen = Model(id).Gateway!;
        Assert.Equal((FailureKind.QuotaExhausted, 429, "insufficient_quota", skipAt), (seen.LastFailureKind, seen.LastFailureStatus, seen.LastFailureMessage, seen.LastFailedAt));
    }

    [Theory]
    [InlineData("billing", FailureKind.QuotaExhausted)]
    [InlineData("auth", FailureKind.AuthFailed)]
    [InlineData(null, FailureKind.Unknown)]
    public void A_cooldown_skip_with_nothing_seen_before_takes_the_cooldowns_reason(string? reason, FailureKind expected)
    {
        const string provider = "google";
        const string id = "google/gemini-3-flash-preview";
        _f.SetHealth(id, ModelHealth.Healthy, GatewayFixture.Start, lastDeep: GatewayFixture.Start);
        var recorder = new GatewayEvidenceRecorder(_f.Store);
        if (reason is not null)
        {
            recorder.RecordCooldown(new ProviderCooldown(GatewayFixture.Start, provider, reason, GatewayFixture.Start.AddMinutes(10), "disabled"));
        }

        recorder.Record(new GatewayEvidence(GatewayFixture.Start.AddSeconds(1), id, false, FailureKind.AuthFailed, 401, "auth", "temporarily disabled", EvidenceSource.GatewayLog, "model_fallback_decision") { CooldownSkip = true });

        Assert.Equal(expected, Model(id).Gateway!.LastFailureKind);
    }

    [Fact]
    public void Success_does_not_shortcut_a_failing_model_and_unknown_models_are_ignored()
    {
        _f.SetHealth("google/gemini-3-flash-preview", ModelHealth.Down, null, lastDeep: GatewayFixture.Start.AddMinutes(-5));
        var recorder = new GatewayEvidenceRecorder(_f.Store);

        recorder.Record(new GatewayEvidence(GatewayFixture.Start, "google/gemini-3-flash-preview", true, null, null, null, null, EvidenceSource.GatewayLog, "x"));
        recorder.Record(new GatewayEvidence(GatewayFixture.Start.AddSeconds(1), "other/model", true, null, null, null, null, EvidenceSource.GatewayLog, "x"));

        Assert.Equal(GatewayFixture.Start.AddMinutes(-5), Model("google/gemini-3-flash-preview").LastDeepProbe);
        Assert.Equal(ModelHealth.Down, Model("google/gemini-3-flash-preview").Health); // a served turn is no probe round
        Assert.Equal(GatewayFixture.Start, Model("google/gemini-3-flash-preview").Gateway!.LastServedAt);
        Assert.False(_f.Store.Snapshot().Models.ContainsKey("other/model"));
        // …but any served turn, with any model, is proof the gateway is serving.
        Assert.Equal((GatewayFixture.Start.AddSeconds(1), "other/model"), (_f.Store.Snapshot().Chain.LastServedAt, _f.Store.Snapshot().Chain.LastServedModel));
    }
}
