namespace Guard.Tests.OpenClaw;

/// <summary>Gateway log lines in the shape OpenClaw writes them (keys "0", "1", … plus _meta and time).</summary>
internal static class GatewayLogLines
{
    public static string Meta(DateTimeOffset at, string level = "WARN") =>
        $$"""
        "_meta":{"runtime":"node","logLevelId":4,"logLevelName":"{{level}}","date":"{{Iso(at)}}","name":"{\"subsystem\":\"agents\"}"},"time":"{{Iso(at)}}"
        """;

    public static string FallbackFailed(DateTimeOffset at, string provider, string model, string reason, int status) =>
        $$"""
        {"0":"{\"subsystem\":\"agents/model-fallback\"}","1":{"event":"model_fallback_decision","decision":"candidate_failed","requestedProvider":"{{provider}}","requestedModel":"{{model}}","candidateProvider":"{{provider}}","candidateModel":"{{model}}","attempt":1,"total":3,"reason":"{{reason}}","status":{{status}},"code":"RESOURCE_EXHAUSTED","httpCode":{{status}},"nextCandidateProvider":"zhipu","nextCandidateModel":"glm-4.7"},"2":"model fallback decision",{{Meta(at)}}}
        """;

    public static string FallbackSucceeded(DateTimeOffset at, string provider, string model) =>
        $$"""
        {"0":"{\"subsystem\":\"agents/model-fallback\"}","1":{"event":"model_fallback_decision","decision":"candidate_succeeded","candidateProvider":"{{provider}}","candidateModel":"{{model}}","attempt":2,"total":3},{{Meta(at, "INFO")}}}
        """;

    public static string AgentEnd(DateTimeOffset at, string provider, string model, string reason, int status, string preview) =>
        $$"""
        {"0":"{\"subsystem\":\"agents/embedded\"}","1":{"event":"embedded_run_agent_end","runId":"r1","isError":true,"failoverReason":"{{reason}}","provider":"{{provider}}","model":"{{model}}","rawErrorPreview":"{{preview}}","rawErrorHash":"ab12","httpCode":{{status}}},{{Meta(at, "ERROR")}}}
        """;

    public static string FailoverDecision(DateTimeOffset at, string provider, string model, string reason, int status) =>
        $$"""
        {"1":{"event":"embedded_run_failover_decision","stage":"prompt","decision":"fallback_model","failoverReason":"{{reason}}","provider":"{{provider}}","model":"{{model}}","profileId":"sha256:abcd","status":{{status}},"timedOut":false},{{Meta(at)}}}
        """;

    public static string AllModelsFailed(DateTimeOffset at) =>
        $$"""
        {"0":"Embedded agent failed before reply: All models failed (3): google/gemini-3-flash-preview: Cloud Code Assist API error (429): You have exhausted your gemini-3-flash quota (rate_limit) | zhipu/glm-4.7: LLM request timed out. (timeout) | nvidia/moonshotai/kimi-k2.5: FailoverError: 403 status code (no body) (auth)",{{Meta(at, "ERROR")}}}
        """;

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
