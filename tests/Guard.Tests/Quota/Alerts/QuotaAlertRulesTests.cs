using Guard.Alerts;
using Guard.Configuration;
using Guard.Quota;
using Guard.Quota.Alerts;

namespace Guard.Tests.Quota.Alerts;

public sealed class QuotaAlertRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 12, 12, 0, 0, TimeSpan.Zero);
    private static readonly QuotaOptions Options = new();

    private static ModelQuota Quota(double percent, DateTimeOffset? exhaustsAt = null, TimeSpan? rolling = null) =>
        new("zhipu/glm-4.7", [new MeterStatus
        {
            ModelId = "zhipu/glm-4.7", Meter = QuotaMeter.Tokens, Source = "budget", Used = percent * 1000, Limit = 100_000, Percent = percent,
            ResetsAt = rolling is null ? Now.Date.AddDays(1) : null, RollingWindow = rolling, PerHour = 60_000, ExhaustsAt = exhaustsAt,
        }]);

    /// <summary>Runs a sequence of percentages through the rules, returning every action in order.</summary>
    private static List<QuotaAlertAction> Run(params double[] percents)
    {
        var state = new QuotaAlertState();
        var actions = new List<QuotaAlertAction>();
        foreach (var percent in percents)
        {
            var decision = QuotaAlertRules.Decide(state, Quota(percent, rolling: TimeSpan.FromHours(5)), Options, Now);
            state = decision.State;
            actions.AddRange(decision.Actions);
        }

        return actions;
    }

    [Fact]
    public void Rising_usage_raises_warning_then_critical_each_once()
    {
        var actions = Run(50, 79, 80, 85, 94, 95, 99, 100, 100);

        Assert.Equal(
            [AlertEventKind.QuotaWarning, AlertEventKind.QuotaCritical],
            actions.Select(a => a.Event!.Kind));
        Assert.Equal(AlertSeverity.Critical, actions[1].Event!.Severity);
        Assert.StartsWith("Stop non-urgent work:", actions[1].Event!.Detail, StringComparison.Ordinal);
        Assert.Equal("stop non-urgent work", actions[1].Event!.Labels["advice"]);
        Assert.Equal("QuotaCritical|zhipu/glm-4.7", actions[1].Fingerprint);
    }

    [Fact]
    public void Hovering_at_the_line_does_not_flap_and_a_real_drop_resolves()
    {
        var actions = Run(81, 79, 80.5, 77, 81, 74, 60, 82);

        Assert.Equal(3, actions.Count);
        Assert.True(actions[0].IsRaise);
        Assert.False(actions[1].IsRaise);
        Assert.Equal("QuotaWarning|zhipu/glm-4.7", actions[1].Fingerprint);
        Assert.Contains("74.0 %", actions[1].Note, StringComparison.Ordinal);
        Assert.True(actions[2].IsRaise);
    }

    [Fact]
    public void Jumping_straight_past_critical_raises_both_and_runs_the_command_once_per_episode()
    {
        var state = new QuotaAlertState();
        var first = QuotaAlertRules.Decide(state, Quota(97), Options, Now);
        var again = QuotaAlertRules.Decide(first.State, Quota(99), Options, Now.AddMinutes(1));
        var reset = QuotaAlertRules.Decide(again.State, Quota(0), Options, Now.AddHours(12));
        var next = QuotaAlertRules.Decide(reset.State, Quota(96), Options, Now.AddHours(20));

        Assert.Equal(2, first.Actions.Count);
        Assert.NotNull(first.RunCriticalCommandFor);
        Assert.Empty(again.Actions);
        Assert.Null(again.RunCriticalCommandFor);
        Assert.Equal(2, reset.Actions.Count(a => !a.IsRaise));
        Assert.NotNull(next.RunCriticalCommandFor);
    }

    [Fact]
    public void Forecast_within_lead_time_fires_once_and_resolves_when_the_rate_drops()
    {
        var soon = QuotaAlertRules.Decide(new QuotaAlertState(), Quota(70, Now.AddMinutes(29)), Options, Now);
        var still = QuotaAlertRules.Decide(soon.State, Quota(71, Now.AddMinutes(45)), Options, Now.AddMinutes(1));
        var gone = QuotaAlertRules.Decide(still.State, Quota(71, null), Options, Now.AddMinutes(2));

        var raised = Assert.Single(soon.Actions).Event!;
        Assert.Equal(AlertEventKind.QuotaForecast, raised.Kind);
        Assert.Contains("runs out at 2026-02-12 12:29 UTC (in 29 min) at 1000 tokens/min", raised.Detail, StringComparison.Ordinal);
        Assert.Empty(still.Actions);
        Assert.False(Assert.Single(gone.Actions).IsRaise);
    }

    [Fact]
    public void No_forecast_beyond_lead_time_or_after_exhaustion()
    {
        Assert.Empty(QuotaAlertRules.Decide(new QuotaAlertState(), Quota(10, Now.AddMinutes(31)), Options, Now).Actions);
        Assert.DoesNotContain(
            QuotaAlertRules.Decide(new QuotaAlertState(), Quota(100, Now), Options, Now).Actions,
            a => a.Event?.Kind == AlertEventKind.QuotaForecast);
    }

    [Fact]
    public void A_model_without_any_limit_never_alerts()
    {
        var quota = new ModelQuota("m", [new MeterStatus { ModelId = "m", Meter = QuotaMeter.Tokens, Source = "transcripts", Used = 1e9 }]);
        Assert.Empty(QuotaAlertRules.Decide(new QuotaAlertState(), quota, Options, Now).Actions);
    }
}
