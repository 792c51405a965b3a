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
