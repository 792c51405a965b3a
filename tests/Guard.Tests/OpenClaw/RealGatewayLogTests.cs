using Guard.OpenClaw.GatewayLog;
using Guard.Probing;

namespace Guard.Tests.OpenClaw;

/// <summary>
/// Lines a real OpenClaw 2026.9.6 gateway wrote (RealLogs/, recorded by the real-OpenClaw test bed against the scripted
/// providers, temp paths masked): a healthy turn, the incident shape (p1 429 quota, p2 403, p3 hanging, p4 never
/// tried because the idle-timeout breaker stopped the chain) and a 503 on every model.
/// </summary>
public sealed class RealGatewayLogTests
{
    private static readonly DateTimeOffset Fallback = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);

    private static List<GatewayLogEntry> Read(string name) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "OpenClaw", "RealLogs", name))
            .Select(line => GatewayLogParser.Parse(line, Fallback))
            .OfType<GatewayLogEntry>()
            .ToList();

    [Fact]
    public void A_healthy_turn_is_a_served_turn_and_no_failure()
    {
        var entries = Read("openclaw-2026.9.6-healthy.log");

        Assert.DoesNotContain(entries.SelectMany(e => e.Evidence), e => !e.Ok);
        Assert.Contains(entries.SelectMany(e => e.Evidence), e => e.Ok && e.ModelId == GatewayEvidence.AnyModel && e.RunId is { Length: > 0 });
        Assert.DoesNotContain(entries, e => e.ChainFailed);
    }

    [Fact]
    public void The_incident_shape_gives_each_model_its_kind_and_the_hang_stops_the_chain()
    {
        var entries = Read("openclaw-2026.9.6-incident.log");
        var failures = entries.SelectMany(e => e.Evidence).Where(e => !e.Ok).ToList();

        // The bare "[model-fetch] … status=429" line alone would say RateLimited; the run's own events say billing.
        Assert.Contains(failures, f => f.ModelId == "p1/m1" && f.Kind == FailureKind.RateLimited && f.Event == "model-fetch");
        Assert.Contains(failures, f => f.ModelId == "p1/m1" && f.Kind == FailureKind.QuotaExhausted && f.HttpStatus == 429 && f.Event == "embedded_run_agent_end");
        Assert.All(failures.Where(f => f.ModelId == "p2/m2"), f => Assert.Equal(FailureKind.Forbidden, f.Kind));
        Assert.All(failures.Where(f => f.ModelId == "p3/m3"), f => Assert.Equal(FailureKind.Timeout, f.Kind));
        Assert.DoesNotContain(failures, f => f.ModelId == "p4/m4"); // never tried: the breaker stopped the chain

        // The hang's first trace is the idle timeout of the first attempt, long before the breaker trips.
        var firstHang = failures.Where(f => f.ModelId == "p3/m3").Min(f => f.At);
        var stopped = Assert.Single(entries, e => e.ChainStopped is not null && e.Evidence.Count > 0 && e.Evidence[0].Event == "model_fallback_chain_stopped");
        Assert.True(stopped.At - firstHang > TimeSpan.FromSeconds(30), $"{firstHang:O} → {stopped.At:O}");
        Assert.DoesNotContain(entries, e => e.AllModelsFailed); // a hang never logs "All models failed"

        Assert.Contains(entries.SelectMany(e => e.Cooldowns), c => c is { Provider: "p1", Window: "disabled", Reason: "billing" });
        Assert.Contains(entries.SelectMany(e => e.Cooldowns), c => c is { Provider: "p2", Window: "cooldown", Reason: "auth" });
    }

    [Fact]
    public void Recorded_the_incident_merges_each_run_to_the_most_precise_kind()
    {
        using var directory = new Guard.Tests.State.TempDirectory();
        var store = new Guard.State.StateStore(new Guard.State.GuardState(), Path.Combine(directory.Path, "state.json"));
        store.Update(s =>
        {
            foreach (var id in new[] { "p1/m1", "p2/m2", "p3/m3", "p4/m4" })
            {
                s.Models[id] = new Guard.State.ModelState();
            }
        });
        var recorder = new GatewayEvidenceRecorder(store);

        foreach (var entry in Read("openclaw-2026.9.6-incident.log"))
        {
            foreach (var evidence in entry.Evidence)
            {
                recorder.Record(evidence);
            }

            foreach (var cooldown in entry.Cooldowns)
            {
                recorder.RecordCooldown(cooldown);
            }
        }

        var models = store.Snapshot().Models;
        Assert.Equal((FailureKind.QuotaExhausted, 429), (models["p1/m1"].Gateway!.LastFailureKind!.Value, models["p1/m1"].Gateway!.LastFailureStatus!.Value));
        Assert.Equal((FailureKind.Forbidden, 403), (models["p2/m2"].Gateway!.LastFailureKind!.Value, models["p2/m2"].Gateway!.LastFailureStatus!.Value));
        Assert.Equal(FailureKind.Timeout, models["p3/m3"].Gateway!.LastFailureKind);
        Assert.Null(models["p4/m4"].Gateway);
        Assert.Equal(("disabled", "billing"), (models["p1/m1"].Gateway!.CooldownWindow, models["p1/m1"].Gateway!.CooldownReason));
        Assert.Null(store.Snapshot().Chain.LastServedAt); // nothing was served
    }

    [Fact]
    public void A_503_on_every_model_is_overloaded_per_model()
    {
        var failures = Read("openclaw-2026.9.6-allfail.log").SelectMany(e => e.Evidence).Where(e => !e.Ok).ToList();

        Assert.All(failures.Where(f => f.ModelId is "p2/m2" or "p3/m3" or "p4/m4" && f.Event != "model-fetch"), f => Assert.Equal(FailureKind.Overloaded, f.Kind));
        Assert.Contains(failures, f => f.ModelId == "p2/m2" && f.HttpStatus == 503);
        Assert.Contains(failures, f => f.ModelId == "p1/m1"); // in its disabled window: failed without a call
    }
}
