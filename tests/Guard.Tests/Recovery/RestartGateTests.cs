using Guard.Configuration;
using Guard.Probing;
using Guard.Recovery;
using Guard.Tracking;

namespace Guard.Tests.Recovery;

public sealed class RestartGateTests
{
    private static ModelVerdict Failing(string model, FailureKind kind, DateTimeOffset? retryAt = null) =>
        new(model, false, kind, 429, "test", retryAt, false, null);

    [Fact]
    public void Quota_and_rate_limits_only_would_not_help_and_say_until_when()
    {
        var reset = new DateTimeOffset(2026, 2, 13, 8, 0, 0, TimeSpan.Zero);

        var decision = RestartGate.Evaluate(
            [Failing("google/gemini-3-flash", FailureKind.QuotaExhausted, reset), Failing("openai/gpt-4o-mini", FailureKind.RateLimited)], new RecoveryOptions());

        Assert.False(decision.Restart);
        Assert.Equal("restart would not help: google/gemini-3-flash QuotaExhausted until 2026-02-13 08:00 UTC, openai/gpt-4o-mini RateLimited", decision.Reason);
    }

    [Theory]
    [InlineData(FailureKind.Timeout)]
    [InlineData(FailureKind.AuthFailed)]
    [InlineData(FailureKind.ServerError)]
    [InlineData(FailureKind.Unknown)]
    public void One_model_with_a_kind_a_restart_can_fix_is_enough(FailureKind kind)
    {
        var decision = RestartGate.Evaluate([Failing("a/x", FailureKind.QuotaExhausted), Failing("b/y", kind)], new RecoveryOptions());

        Assert.True(decision.Restart);
        Assert.StartsWith("all models failing: a/x QuotaExhausted, b/y " + kind, decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FailureKind.ModelNotFound)]
    [InlineData(FailureKind.BadRequest)]
    [InlineData(FailureKind.NoApiKey)]
    [InlineData(FailureKind.ContentFiltered)]
    public void Configuration_problems_are_not_restarted(FailureKind kind)
    {
        Assert.False(RestartGate.Evaluate([Failing("a/x", kind)], new RecoveryOptions()).Restart);
    }

    [Fact]
    public void RestartOnKind_overrides_the_built_in_policy_both_ways()
    {
        var options = new RecoveryOptions { RestartOnKind = { [FailureKind.Forbidden] = false, [FailureKind.RateLimited] = true } };

        Assert.False(RestartGate.Evaluate([Failing("a/x", FailureKind.Forbidden)], options).Restart);
        Assert.True(RestartGate.Evaluate([Failing("a/x", FailureKind.RateLimited)], options).Restart);
    }

    [Fact]
    public void Nothing_failing_is_no_restart()
    {
        Assert.False(RestartGate.Evaluate([new ModelVerdict("a/x", true, null, 200, null, null, false, 10)], new RecoveryOptions()).Restart);
    }
}
