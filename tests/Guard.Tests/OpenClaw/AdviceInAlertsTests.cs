using Guard.Chain;
using Guard.Alerts;
using Guard.Alerts.Rendering;
using Guard.Configuration;
using Guard.Logging;
using Guard.OpenClaw.Advice;
using Guard.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.OpenClaw;

/// <summary>ChainDark and QuotaCritical notices carry the recommended order with health, quota left and latency.</summary>
public sealed class AdviceInAlertsTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("guard-advice-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (AlertRenderer Renderer, GuardOptions Options, LiveOptions Live) Renderer(ReorderMode mode)
    {
        var options = new GuardOptions { Models = [new ModelOptions { Id = "google/gemini-3-flash" }, new ModelOptions { Id = "zhipu/glm-4.7" }, new ModelOptions { Id = "moonshot/kimi-k2.5" }] };
        options.OpenClaw.Discover = false;
        options.OpenClaw.Reorder = mode;
        options.Quota.Budgets["zhipu/glm-4.7"] = new QuotaBudgetOptions { TokensPerWindow = 1000 };
        options.Quota.Budgets["moonshot/kimi-k2.5"] = new QuotaBudgetOptions { TokensPerWindow = 1000 };
        var live = new LiveOptions(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        var store = new StateStore(new GuardState(), Path.Combine(_dir, "state.json"));
        store.Update(s =>
        {
            s.Models["google/gemini-3-flash"] = new ModelState { Health = ModelHealth.Down, LastLatencyMs = 40 };
            s.Models["zhipu/glm-4.7"] = new ModelState { Health = ModelHealth.Healthy, LastLatencyMs = 120 };
            s.Models["moonshot/kimi-k2.5"] = new ModelState { Health = ModelHealth.Healthy, LastLatencyMs = 800 };
            Guard.Quota.Ledger.UsageLedger.Add(s.Quota, "zhipu/glm-4.7", At.AddMinutes(-5), new Guard.Quota.Ledger.UsageSample(0, 0, 0, 0, 400, 1, 0, 0));
            Guard.Quota.Ledger.UsageLedger.Add(s.Quota, "moonshot/kimi-k2.5", At.AddMinutes(-5), new Guard.Quota.Ledger.UsageSample(0, 0, 0, 0, 900, 1, 0, 0));
        });
        var source = new ChainAdviceSource(live, new ModelChain(), store, new FakeTimeProvider(At));
        return (new AlertRenderer(SecretRedactor.Default, source), options, live);
    }

    private static FiringAlert Alert(AlertEventKind kind) => new()
    {
        Fingerprint = kind.ToString(),
        Kind = kind,
        Severity = AlertSeverity.Critical,
        Model = "google/gemini-3-flash",
        Since = At,
        LastFailureAt = At,
    };

    [Theory]
    [InlineData(AlertEventKind.ChainDark)]
    [InlineData(AlertEventKind.QuotaCritical)]
    public void Firing_notices_carry_the_advice(AlertEventKind kind)
    {
        var (renderer, options, live) = Renderer(ReorderMode.Advise);
        using var _ = live;

        var text = renderer.Render(Alert(kind), new AlertNotice("id1", AlertStatus.Firing, At), options.Alerts).Text;

        Assert.Contains(
            "建议顺序 chain advice: recommended order zhipu/glm-4.7 (healthy, 60% quota left, 120 ms) → moonshot/kimi-k2.5 (healthy, 10% quota left, 800 ms) → google/gemini-3-flash (down, 40 ms)",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolved_notices_other_kinds_and_Off_carry_none()
    {
        var (renderer, options, live) = Renderer(ReorderMode.Advise);
        using (live)
        {
            Assert.DoesNotContain("chain advice", renderer.Render(Alert(AlertEventKind.ChainDark), new AlertNotice("id2", AlertStatus.Resolved, At), options.Alerts).Text, StringComparison.Ordinal);
            Assert.DoesNotContain("chain advice", renderer.Render(Alert(AlertEventKind.ModelDown), new AlertNotice("id3", AlertStatus.Firing, At), options.Alerts).Text, StringComparison.Ordinal);
        }

        var (off, offOptions, offLive) = Renderer(ReorderMode.Off);
        using (offLive)
        {
            Assert.DoesNotContain("chain advice", off.Render(Alert(AlertEventKind.ChainDark), new AlertNotice("id4", AlertStatus.Firing, At), offOptions.Alerts).Text, StringComparison.Ordinal);
        }
    }
}
