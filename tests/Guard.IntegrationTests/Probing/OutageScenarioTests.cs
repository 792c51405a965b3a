using Guard.Configuration;
using Guard.Probing;

namespace Guard.IntegrationTests.Probing;

/// <summary>The 2026-02-12 incident on one scripted server: every model in the chain fails, each for its own reason.</summary>
public sealed class OutageScenarioTests : IAsyncLifetime
{
    private ProbeHarness _h = null!;

    public async Task InitializeAsync() => _h = await ProbeHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task WholeChainDark_EachModelFailsForItsOwnReason()
    {
        _h.Server
            .On("POST", "/google/v1beta/models/gemini-3-flash:generateContent", ScriptedResponse.Json(429, ProviderBodies.GeminiQuotaPerDay429))
            .On("POST", "/google/v1beta/models/gemini-2.5-flash:generateContent", ScriptedResponse.Json(403, ProviderBodies.GeminiPermissionDenied403))
            .On("POST", "/moonshot/v1/chat/completions", ScriptedResponse.Hang())
            .On("POST", "/anthropic/v1/messages", ScriptedResponse.Json(503,
                """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""));
        ModelDefinition[] chain =
        [
            _h.Model("google", ApiKinds.GoogleGenerativeAi, "gemini-3-flash", "/google/v1beta"),
            _h.Model("google", ApiKinds.GoogleGenerativeAi, "gemini-2.5-flash", "/google/v1beta"),
            _h.Model("moonshot", ApiKinds.OpenAiCompletions, "kimi-k2.6", "/moonshot/v1", timeoutSeconds: 0.3),
            _h.Model("anthropic", ApiKinds.AnthropicMessages, "claude-opus-4-5", "/anthropic"),
        ];

        var results = await Task.WhenAll(chain.Select(m => _h.ProbeAsync(m, ProbeTier.Deep)));

        Assert.Equal(
            [FailureKind.QuotaExhausted, FailureKind.Forbidden, FailureKind.Timeout, FailureKind.Overloaded],
            results.Select(r => r.Kind));
        Assert.Equal([1, 1, 2, 2], results.Select(r => r.Attempts));
        Assert.All(results, r => Assert.False(r.Ok));

        // One log record per HTTP attempt. (The server's own count can lag: a timed-out attempt may be dropped
        // before Kestrel hands it to the script.)
        Assert.Equal(results.Sum(r => r.Attempts), _h.StepLogs.Count);
    }
}
