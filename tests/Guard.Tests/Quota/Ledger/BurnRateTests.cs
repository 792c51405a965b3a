using Guard.Quota;
using Guard.Quota.Ledger;

namespace Guard.Tests.Quota.Ledger;

public sealed class BurnRateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 12, 18, 0, 0, TimeSpan.Zero);

    private static QuotaState Steady(DateTimeOffset from, DateTimeOffset to, long tokensPerMinute)
    {
        var state = new QuotaState();
        for (var at = from; at < to; at = at.AddMinutes(1))
        {
            UsageLedger.Add(state, "m", at, new UsageSample(tokensPerMinute, 0, 0, 0, tokensPerMinute, 1, 0, 0));
        }

        return state;
    }

    [Fact]
    public void Steady_burn_gives_its_exact_rate()
    {
        var state = Steady(T0.AddHours(-2), T0, 1000);

        Assert.Equal(60_000, BurnRate.PerHour(state.Usage["m"].Buckets, QuotaMeter.Tokens, T0), 1);
        Assert.Equal(60, BurnRate.PerHour(state.Usage["m"].Buckets, QuotaMeter.Requests, T0), 2);
    }

    [Fact]
    public void Steady_burn_mid_bucket_is_still_exact()
    {
        var now = T0.AddMinutes(2);
        var state = Steady(T0.AddHours(-2), now, 1000);

        Assert.Equal(60_000, BurnRate.PerHour(state.Usage["m"].Buckets, QuotaMeter.Tokens, now), 1);
    }

    [Fact]
    public void Idle_hour_gives_zero()
    {
        var state = Steady(T0.AddHours(-3), T0.AddHours(-1), 1000);

        Assert.Equal(0, BurnRate.PerHour(state.Usage["m"].Buckets, QuotaMeter.Tokens, T0));
    }

    [Fact]
    public void Recent_use_weighs_more_than_old_use()
    {
        var recent = new QuotaState();
        UsageLedger.Add(recent, "m", T0.AddMinutes(-3), new UsageSample(0, 0, 0, 0, 60_000, 1, 0, 0));
        var old = new QuotaState();
        UsageLedger.Add(old, "m", T0.AddMinutes(-43), new UsageSample(0, 0, 0, 0, 60_000, 1, 0, 0));

        var recentRate = BurnRate.PerHour(recent.Usage["m"].Buckets, QuotaMeter.Tokens, T0);
        var oldRate = BurnRate.PerHour(old.Usage["m"].Buckets, QuotaMeter.Tokens, T0);

        // A burst of 60k tokens: 40 minutes apart is four half-lives, a factor of 16.
        Assert.InRange(recentRate / oldRate, 15, 17);
        Assert.True(recentRate > 60_000, "a burst just now reads as a high rate");
    }
}
