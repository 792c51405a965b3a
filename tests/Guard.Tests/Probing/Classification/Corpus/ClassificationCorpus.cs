using System.Text.Json;
using Guard.Configuration;
using Guard.Probing.Classification;

namespace Guard.Tests.Probing.Classification.Corpus;

/// <summary>
/// The reply corpus (replies.jsonl, written by make.py): real error shapes from provider docs, SDK fixtures and
/// public issue threads, each classified twice — with the provider's own base URL, and behind a relay whose URL
/// and provider id Guard does not know. Shared by the unit tests and the <c>classification</c> benchmark report.
/// </summary>
public static class ClassificationCorpus
{
    /// <summary>The unknown gateway every "behind a relay" variant goes through.</summary>
    public const string RelayUrl = "https://llm-gateway.corp.example/v1";

    public static readonly DateTimeOffset Now = new(2026, 2, 12, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The provider's own configuration: (api, provider id, base URL).</summary>
    private static readonly Dictionary<string, (string Api, string Id, string Url)> Named = new(StringComparer.Ordinal)
    {
        ["openai"] = (ApiKinds.OpenAiCompletions, "openai", "https://api.openai.com/v1"),
        ["anthropic"] = (ApiKinds.AnthropicMessages, "anthropic", "https://api.anthropic.com"),
        ["gemini"] = (ApiKinds.OpenAiCompletions, "google", "https://generativelanguage.googleapis.com/v1beta/openai"),
        ["moonshot"] = (ApiKinds.OpenAiCompletions, "moonshot", "https://api.moonshot.cn/v1"),
        ["zhipu"] = (ApiKinds.OpenAiCompletions, "zhipu", "https://open.bigmodel.cn/api/paas/v4"),
        ["openrouter"] = (ApiKinds.OpenAiCompletions, "openrouter", "https://openrouter.ai/api/v1"),
        ["dashscope"] = (ApiKinds.OpenAiCompletions, "qwen", "https://dashscope.aliyuncs.com/compatible-mode/v1"),
        ["siliconflow"] = (ApiKinds.OpenAiCompletions, "siliconflow", "https://api.siliconflow.cn/v1"),
        ["xai"] = (ApiKinds.OpenAiCompletions, "xai", "https://api.x.ai/v1"),
        ["nvidia"] = (ApiKinds.OpenAiCompletions, "nvidia", "https://integrate.api.nvidia.com/v1"),
        ["deepseek"] = (ApiKinds.OpenAiCompletions, "deepseek", "https://api.deepseek.com"),
        ["groq"] = (ApiKinds.OpenAiCompletions, "groq", "https://api.groq.com/openai/v1"),
        ["mistral"] = (ApiKinds.OpenAiCompletions, "mistral", "https://api.mistral.ai/v1"),
        ["one-api"] = (ApiKinds.OpenAiCompletions, "one-api", "https://oneapi.example.cn/v1"),
        ["new-api"] = (ApiKinds.OpenAiCompletions, "new-api", "https://newapi.example.cn/v1"),

        // No host of their own to name: a LiteLLM proxy and a Cloudflare-fronted origin are always "behind".
        ["litellm"] = (ApiKinds.OpenAiCompletions, "litellm", "http://litellm.internal:4000"),
        ["cloudflare"] = (ApiKinds.OpenAiCompletions, "custom", "https://api.example.com/v1"),
    };

    public static IReadOnlyList<CorpusReply> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", "replies.jsonl");
        var replies = new List<CorpusReply>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var headers = root.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            replies.Add(new CorpusReply(
                root.GetProperty("provider").GetString()!, root.GetProperty("status").GetInt32(), root.GetProperty("body").GetString()!,
                headers, root.GetProperty("contentType").GetString(), Enum.Parse<Guard.Probing.FailureKind>(root.GetProperty("kind").GetString()!),
                root.GetProperty("rule").GetString(), root.GetProperty("source").GetString() ?? ""));
        }

        return replies;
    }

    public static FailureClassification ClassifyNamed(CorpusReply reply)
    {
        var (api, id, url) = Named[reply.Provider];
        return Classify(ProviderFamilies.Detect(api, id, url), reply);
    }

    public static FailureClassification ClassifyBehindRelay(CorpusReply reply)
    {
        var api = reply.Provider == "anthropic" ? ApiKinds.AnthropicMessages : ApiKinds.OpenAiCompletions;
        return Classify(ProviderFamilies.Detect(api, "corp-gateway", RelayUrl), reply);
    }

    private static FailureClassification Classify(ProviderFamily family, CorpusReply reply) =>
        new FailureClassifier().Classify(family, ProviderResponse.FromText(reply.Status, reply.Body, reply.Headers, reply.ContentType), Now);
}
