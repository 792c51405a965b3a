using Guard.Configuration;
using Guard.Quota;
using Guard.Quota.Ledger;
using Guard.Quota.Reported;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.Quota;

/// <summary>Forecast maths through the evaluator, on a fake clock.</summary>
public sealed class ExhaustionForecastTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 2, 12, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Midnight);
    private readonly QuotaState _state = new();

    private static QuotaOptions Budget(long tokens, TimeSpan window, string? zone = "UTC") => new()
    {
        Budgets = { ["zhipu/glm-4.7"] = new QuotaBudgetOptions { TokensPerWindow = tokens, Window = window, TimeZone = zone } },
    };

    private void Burn(TimeSpan duration, long tokensPerMinute)
    {
        var end = _time.GetUtcNow() + duration;
        while (_time.GetUtcNow() < end)
        {
            UsageLedger.Add(_state, "zhipu/glm-4.7", _time.GetUtcNow(), new UsageSample(tokensPerMinute, 0, 0, 0, tokensPerMinute, 1, 0, 0));
            _time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private MeterStatus Row(QuotaOptions options) =>
        QuotaEvaluator.Evaluate(options, _state, _time.GetUtcNow()).Single(q => q.ModelId == "zhipu/glm-4.7").Meters.Single();

    [Fact]
    public void Steady_burn_in_a_calendar_day_runs_out_when_the_arithmetic_says()
    {
        var options = Budget(120_000, TimeSpan.FromDays(1));
        Burn(TimeSpan.FromMinutes(60), 1000);

        var row = Row(options);
        Assert.Equal(60_000, row.Used, 1);
        Assert.Equal(50, row.Percent!.Value, 3);
        Assert.Equal(60_000, row.PerHour, 1);
        Assert.Equal(Midnight.AddMinutes(120), row.ExhaustsAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(Midnight.AddDays(1), row.ResetsAt);
    }

    [Fact]
    public void Exhaustion_after_the_reset_is_no_exhaustion()
    {
        _time.SetUtcNow(Midnight.AddHours(22));
        var options = Budget(1_000_000, TimeSpan.FromDays(1));
        Burn(TimeSpan.FromMinutes(60), 1000);

        // 940k tokens left at 60k/h would take 15.7 h; the day ends in one.
        Assert.Null(Row(options).ExhaustsAt);
    }

    [Fact]
    public void Burst_then_idle_fades_the_forecast()
    {
        var options = Budget(120_000, TimeSpan.FromDays(1));
        Burn(TimeSpan.FromMinutes(5), 10_000);
        var now = _time.GetUtcNow();
        var during = Row(options);

        // 70k left at the burst's own 10k/min would be 7 minutes; weighted with the quiet hour before it, later.
        Assert.NotNull(during.ExhaustsAt);
        Assert.InRange(during.ExhaustsAt!.Value, now.AddMinutes(7), now.AddMinutes(60));

        _time.Advance(TimeSpan.FromMinutes(20));
        var quieter = Row(options);
        Assert.True(quieter.PerHour < during.PerHour / 3, $"20 idle minutes cut the rate: {during.PerHour} -> {quieter.PerHour}");

        _time.Advance(TimeSpan.FromMinutes(41));
        var idle = Row(options);
        Assert.Equal(0, idle.PerHour);
        Assert.Null(idle.ExhaustsAt);
        Assert.Equal(50_000, idle.Used, 1);
    }

    [Fact]
    public void Window_reset_clears_usage_and_forecast()
    {
        _time.SetUtcNow(Midnight.AddHours(23));
        var options = Budget(100_000, TimeSpan.FromDays(1));
        Burn(TimeSpan.FromMinutes(59), 1500);
        Assert.True(Row(options).Percent > 80);

        _time.Advance(TimeSpan.FromMinutes(2));
        var after = Row(options);
        Assert.Equal(Midnight.AddDays(1), after.WindowStart);
        Assert.True(after.Percent < 2, $"a new day starts near zero, got {after.Percent}");
    }

    [Fact]
    public void Rolling_window_forecast_accounts_for_usage_ageing_out()
    {
        // 5-hour rolling budget of 300k. Four hours ago a 200k burst; since then 500 tokens/min.
        var options = Budget(300_000, TimeSpan.FromHours(5), zone: null);
        UsageLedger.Add(_state, "zhipu/glm-4.7", Midnight, new UsageSample(0, 0, 0, 0, 200_000, 1, 0, 0));
        _time.Advance(TimeSpan.FromMinutes(60));
        Burn(TimeSpan.FromMinutes(180), 500);

        var row = Row(options);
        Assert.Equal(290_000, row.Used, 0);
        Assert.Null(row.ResetsAt);

        // Without ageing it would run out in 20 minutes; the burst leaves the window in one hour and
        // 10k left / 30k per hour = 20 min < 60 min, so it still runs out — at +20 min.
        Assert.Equal(_time.GetUtcNow().AddMinutes(20), row.ExhaustsAt!.Value, TimeSpan.FromMinutes(1));

        // Slower burn: the burst ages out first and steady state (500×300 = 150k) stays under the limit.
        var slow = new QuotaState();
        UsageLedger.Add(slow, "zhipu/glm-4.7", Midnight, new UsageSample(0, 0, 0, 0, 280_000, 1, 0, 0));
        var now = Midnight.AddMinutes(241);
        UsageLedger.Add(slow, "zhipu/glm-4.7", now.AddMinutes(-1), new UsageSample(0, 0, 0, 0, 10, 1, 0, 0));
        Assert.Null(QuotaEvaluator.Evaluate(options, slow, now).Single().Meters.Single().ExhaustsAt);
    }

    [Fact]
    public void Provider_reported_limit_overrides_the_budget_and_adds_usage_since()
    {
        var options = Budget(1_000_000, TimeSpan.FromDays(1));
        Burn(TimeSpan.FromMinutes(50), 1000);
        var observed = _time.GetUtcNow();
        _state.Reported["zhipu/glm-4.7|zhipu-plan"] = new ProviderReading
        {
            ModelId = "zhipu/glm-4.7", Source = "openrouter-key", Meter = QuotaMeter.Tokens, Limit = 400_000, Remaining = 40_000,
            ResetAt = observed.AddHours(3), ObservedAt = observed,
        };
        Burn(TimeSpan.FromMinutes(10), 1000);

        var row = Row(options);
        Assert.Equal("openrouter-key", row.Source);
        Assert.Equal(370_000, row.Used, 0);
        Assert.Equal(92.5, row.Percent!.Value, 1);
        Assert.Equal(_time.GetUtcNow().AddMinutes(30), row.ExhaustsAt!.Value, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Per_minute_rate_limits_are_shown_but_do_not_override_or_alert()
    {
        var options = Budget(1_000_000, TimeSpan.FromDays(1));
        Burn(TimeSpan.FromMinutes(10), 1000);
        var now = _time.GetUtcNow();
        _state.Reported["x"] = new ProviderReading
        {
            ModelId = "zhipu/glm-4.7", Source = "anthropic-ratelimit-tokens", Meter = QuotaMeter.Tokens, Limit = 40_000, Remaining = 1_000,
            ResetAt = now.AddSeconds(40), ObservedAt = now,
        };

        var model = QuotaEvaluator.Evaluate(options, _state, now).Single();
        Assert.Equal(2, model.Meters.Count);
        Assert.Equal("budget", model.Headline!.Source);
        Assert.True(model.Meters.Single(m => m.Source == "anthropic-ratelimit-tokens").IsRateLimit);

        // Stale once its reset passed.
        Assert.Single(QuotaEvaluator.Evaluate(options, _state, now.AddMinutes(1)).Single().Meters);
    }

    [Fact]
    public void Quota_exhausted_probe_reads_as_100_percent_until_its_reset()
    {
        var now = _time.GetUtcNow();
        _state.Reported["g"] = new ProviderReading
        {
            ModelId = "google/gemini-3-flash", Source = "probe", Meter = QuotaMeter.Requests, Exhausted = true,
            ResetAt = now.AddHours(8), ObservedAt = now,
        };

        Assert.Equal(100, QuotaEvaluator.Evaluate(new QuotaOptions(), _state, now).Single().Headline!.Percent);
        Assert.Empty(QuotaEvaluator.Evaluate(new QuotaOptions(), _state, now.AddHours(9)));
    }
}
