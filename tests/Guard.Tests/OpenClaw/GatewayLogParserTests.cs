using Guard.OpenClaw.GatewayLog;
using Guard.Probing;

namespace Guard.Tests.OpenClaw;

public sealed class GatewayLogParserTests
{
    private static readonly DateTimeOffset At = new(2026, 2, 12, 21, 0, 1, TimeSpan.Zero);

    [Fact]
    public void Fallback_candidate_failed_is_a_failure_of_the_candidate()
    {
        var entry = GatewayLogParser.Parse(GatewayLogLines.FallbackFailed(At, "google", "gemini-3-flash-preview", "rate_limit", 429), At.AddDays(1));

        var e = Assert.Single(entry!.Evidence);
        Assert.Equal(("google/gemini-3-flash-preview", false, FailureKind.RateLimited, 429, "rate_limit"), (e.ModelId, e.Ok, e.Kind, e.HttpStatus, e.Reason));
        Assert.Equal(At, e.At); // the line's own time, not the fallback
        Assert.Equal(EvidenceSource.GatewayLog, e.Source);
        Assert.False(entry.AllModelsFailed);
    }

    [Fact]
    public void Candidate_succeeded_is_health_evidence()
    {
        var e = Assert.Single(GatewayLogParser.Parse(GatewayLogLines.FallbackSucceeded(At, "zhipu", "glm-4.7"), At)!.Evidence);
        Assert.Equal(("zhipu/glm-4.7", true), (e.ModelId, e.Ok));
    }

    [Fact]
    public void Agent_end_with_error_and_failover_decision_carry_http_details()
    {
        var end = Assert.Single(GatewayLogParser.Parse(GatewayLogLines.AgentEnd(At, "nvidia", "moonshotai/kimi-k2.5", "auth", 403, "403 status code (no body)"), At)!.Evidence);
        Assert.Equal(("nvidia/moonshotai/kimi-k2.5", FailureKind.Forbidden, 403), (end.ModelId, end.Kind, end.HttpStatus));
        Assert.Equal("403 status code (no body)", end.Message);

        var decision = Assert.Single(GatewayLogParser.Parse(GatewayLogLines.FailoverDecision(At, "zhipu", "glm-4.7", "overloaded", 529), At)!.Evidence);
        Assert.Equal(("zhipu/glm-4.7", FailureKind.Overloaded), (decision.ModelId, decision.Kind));
    }

    [Fact]
    public void All_models_failed_summary_gives_one_failure_per_model()
    {
        var entry = GatewayLogParser.Parse(GatewayLogLines.AllModelsFailed(At), At)!;

        Assert.True(entry.AllModelsFailed);
        Assert.Equal(3, entry.FailedCount);
        Assert.Equal(
            [("google/gemini-3-flash-preview", FailureKind.QuotaExhausted), ("zhipu/glm-4.7", FailureKind.Timeout), ("nvidia/moonshotai/kimi-k2.5", FailureKind.Forbidden)],
            entry.Evidence.Select(e => (e.ModelId, e.Kind!.Value)));
        Assert.Equal(429, entry.Evidence[0].HttpStatus);
    }

    [Fact]
    public void A_part_cut_short_ends_where_the_next_model_begins()
    {
        // 2026.2.12 cut p2's text short and p3's followed without the " | ": p2's 403 must not read as p3's quota 429.
        const string line = """{"0":"All models failed (3): p1/m1: 503 The server is overloaded (overloaded) | p2/m2: 403 Forbidden: your key may not p3/m3: 429 You exceeded your current quota (rate_limit)","time":"2026-02-12T21:00:01Z"}""";

        var entry = GatewayLogParser.Parse(line, At)!;

        Assert.Equal(
            [("p1/m1", FailureKind.Overloaded), ("p2/m2", FailureKind.Forbidden), ("p3/m3", FailureKind.QuotaExhausted)],
            entry.Evidence.Select(e => (e.ModelId, e.Kind!.Value)));
        Assert.Equal([503, 403, 429], entry.Evidence.Select(e => e.HttpStatus!.Value));
        Assert.DoesNotContain("quota", entry.Evidence[1].Message!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Provider p1 is in cooldown (all profiles unavailable)")]
    [InlineData("Provider p1 is in cooldown (probe already attempted this run)")]
    [InlineData("Couldn't sign in to p1. (Inline API key for provider \\\"p1\\\" is temporarily disabled after a provider auth/billing failure. Retry after about 9 minutes.)")]
    public void A_candidate_skipped_in_cooldown_is_marked_as_not_called(string preview)
    {
        var line = $$"""{"1":{"event":"model_fallback_decision","decision":"candidate_failed","candidateProvider":"p1","candidateModel":"m1","reason":"auth","status":401,"errorPreview":"{{preview}}"},"time":"2026-02-12T21:00:01Z"}""";

        var e = Assert.Single(GatewayLogParser.Parse(line, At)!.Evidence);

        Assert.True(e.CooldownSkip, e.Message);
        Assert.False(Assert.Single(GatewayLogParser.Parse(GatewayLogLines.FallbackFailed(At, "p1", "m1", "auth", 401), At)!.Evidence).CooldownSkip);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"0\":\"gateway listening on 18789\",\"time\":\"2026-02-12T21:00:00Z\"}")]
    [InlineData("{\"1\":{\"event\":\"model_fallback_decision\",\"decision\":\"skip_candidate\",\"candidateProvider\":\"google\",\"candidateModel\":\"x\"}}")]
    [InlineData("{\"truncated")]
    public void Other_lines_are_ignored(string line) => Assert.Null(GatewayLogParser.Parse(line, At));

    [Theory]
    [InlineData("rate_limit", 429, "Too many requests", FailureKind.RateLimited)]
    [InlineData("rate_limit", 429, "RESOURCE_EXHAUSTED: You have exhausted your quota", FailureKind.QuotaExhausted)]
    [InlineData("billing", 402, "", FailureKind.QuotaExhausted)]
    [InlineData("auth", 401, "", FailureKind.AuthFailed)]
    [InlineData("auth", 403, "", FailureKind.Forbidden)]
    [InlineData("auth_permanent", null, "key revoked", FailureKind.AuthFailed)]
    [InlineData("timeout", null, "", FailureKind.Timeout)]
    [InlineData("timeout", 502, "", FailureKind.ServerError)]
    [InlineData("timeout", 503, "", FailureKind.Timeout)]
    [InlineData("overloaded", 529, "", FailureKind.Overloaded)]
    [InlineData("model_not_found", 404, "", FailureKind.ModelNotFound)]
    [InlineData("format", 400, "", FailureKind.BadRequest)]
    [InlineData("unknown", 500, "", FailureKind.ServerError)]
    [InlineData("unknown", null, "connect ECONNREFUSED 1.2.3.4:443", FailureKind.Network)]
    [InlineData(null, null, "weird", FailureKind.Unknown)]
    public void Reasons_map_to_failure_kinds(string? reason, int? status, string text, FailureKind expected) =>
        Assert.Equal(expected, OpenClawReasons.Map(reason, status, text));
}
