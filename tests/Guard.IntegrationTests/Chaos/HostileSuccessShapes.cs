using Guard.Configuration;

namespace Guard.IntegrationTests.Chaos;

/// <summary>
/// HTTP 200 deep-probe replies per API: JSON that is not the provider's success shape (must be a malformed reply,
/// not healthy), and minimal real successes beside them (must stay healthy, so the shape check is not over-eager).
/// </summary>
internal static class HostileSuccessShapes
{
    public static IReadOnlyList<(string Name, string Api, string Body, bool Healthy)> All { get; } =
    [
        ("oa-null", ApiKinds.OpenAiCompletions, "null", false),
        ("oa-empty-object", ApiKinds.OpenAiCompletions, "{}", false),
        ("oa-empty-choices", ApiKinds.OpenAiCompletions, """{"choices":[]}""", false),
        ("oa-null-choice", ApiKinds.OpenAiCompletions, """{"choices":[null]}""", false),
        ("oa-number", ApiKinds.OpenAiCompletions, "42", false),
        ("oa-ok-empty-text", ApiKinds.OpenAiCompletions, """{"choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"length"}]}""", true),
        ("an-null", ApiKinds.AnthropicMessages, "null", false),
        ("an-empty-object", ApiKinds.AnthropicMessages, "{}", false),
        ("an-no-content-no-stop", ApiKinds.AnthropicMessages, """{"type":"message","content":[]}""", false),
        ("an-content-string", ApiKinds.AnthropicMessages, """{"type":"message","content":"h","stop_reason":"max_tokens"}""", false),
        ("an-ok", ApiKinds.AnthropicMessages, """{"type":"message","role":"assistant","content":[{"type":"text","text":"H"}],"stop_reason":"max_tokens","usage":{"input_tokens":8,"output_tokens":1}}""", true),
        ("an-ok-empty-content", ApiKinds.AnthropicMessages, """{"type":"message","role":"assistant","content":[],"stop_reason":"end_turn"}""", true),
        ("ge-null", ApiKinds.GoogleGenerativeAi, "null", false),
        ("ge-empty-object", ApiKinds.GoogleGenerativeAi, "{}", false),
        ("ge-empty-candidates", ApiKinds.GoogleGenerativeAi, """{"candidates":[]}""", false),
        ("ge-string", ApiKinds.GoogleGenerativeAi, "\"ok\"", false),
        ("ge-ok-max-tokens", ApiKinds.GoogleGenerativeAi, """{"candidates":[{"content":{"role":"model"},"finishReason":"MAX_TOKENS","index":0}],"usageMetadata":{"promptTokenCount":3,"totalTokenCount":3}}""", true),
    ];
}
