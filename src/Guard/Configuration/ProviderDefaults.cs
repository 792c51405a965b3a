using System.Collections.Frozen;

namespace Guard.Configuration;

/// <summary>What Guard assumes about a bundled OpenClaw provider when the config does not say.</summary>
public sealed record ProviderDefaults(string Provider, string Api, string BaseUrl, string ApiKeyEnv)
{
    private static readonly FrozenDictionary<string, ProviderDefaults> Known = new Dictionary<string, ProviderDefaults>(StringComparer.OrdinalIgnoreCase)
    {
        ["google"] = new("google", ApiKinds.GoogleGenerativeAi, "https://generativelanguage.googleapis.com/v1beta", "GEMINI_API_KEY"),
        ["anthropic"] = new("anthropic", ApiKinds.AnthropicMessages, "https://api.anthropic.com", "ANTHROPIC_API_KEY"),
        ["openai"] = new("openai", ApiKinds.OpenAiCompletions, "https://api.openai.com/v1", "OPENAI_API_KEY"),
        ["openrouter"] = new("openrouter", ApiKinds.OpenAiCompletions, "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY"),
        ["moonshot"] = new("moonshot", ApiKinds.OpenAiCompletions, "https://api.moonshot.ai/v1", "MOONSHOT_API_KEY"),
        ["zhipu"] = new("zhipu", ApiKinds.OpenAiCompletions, "https://open.bigmodel.cn/api/paas/v4", "ZHIPU_API_KEY"),
        ["zai"] = new("zai", ApiKinds.OpenAiCompletions, "https://api.z.ai/api/paas/v4", "ZAI_API_KEY"),
        ["nvidia"] = new("nvidia", ApiKinds.OpenAiCompletions, "https://integrate.api.nvidia.com/v1", "NVIDIA_API_KEY"),
        ["deepseek"] = new("deepseek", ApiKinds.OpenAiCompletions, "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY"),
        ["groq"] = new("groq", ApiKinds.OpenAiCompletions, "https://api.groq.com/openai/v1", "GROQ_API_KEY"),
        ["mistral"] = new("mistral", ApiKinds.OpenAiCompletions, "https://api.mistral.ai/v1", "MISTRAL_API_KEY"),
        ["xai"] = new("xai", ApiKinds.OpenAiCompletions, "https://api.x.ai/v1", "XAI_API_KEY"),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static ProviderDefaults? Find(string provider) => Known.GetValueOrDefault(provider);

    /// <summary>An unknown provider still gets a usable key variable name: <c>MY-PROV</c> → <c>MY_PROV_API_KEY</c>.</summary>
    public static string GuessKeyEnv(string provider) =>
        string.Concat(provider.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')) + "_API_KEY";
}
