using System.Collections.Frozen;

namespace Guard.Probing.Classification.Rules;

/// <summary>The ordered rows for a family: its own rules first, then the generic status fallback. First match wins.</summary>
internal static class FailureRuleTable
{
    private static readonly FrozenDictionary<ProviderFamily, IReadOnlyList<FailureRule>> ByFamily = new Dictionary<ProviderFamily, IReadOnlyList<FailureRule>>
    {
        [ProviderFamily.Generic] = [.. OpenAiRules.All, .. StatusRules.All],
        [ProviderFamily.OpenAi] = [.. OpenAiRules.All, .. StatusRules.All],
        [ProviderFamily.Anthropic] = [.. AnthropicRules.All, .. StatusRules.All],
        [ProviderFamily.Gemini] = [.. GeminiRules.All, .. StatusRules.All],
        [ProviderFamily.Moonshot] = [.. MoonshotRules.All, .. StatusRules.All],
        [ProviderFamily.Zhipu] = [.. ZhipuRules.All, .. StatusRules.All],
        [ProviderFamily.OpenRouter] = [.. OpenRouterRules.All, .. StatusRules.All],

        // OpenAI-compatible providers: their own rows, then OpenAI's codes they reuse, then status.
        [ProviderFamily.DashScope] = [.. DashScopeRules.All, .. OpenAiRules.All, .. StatusRules.All],
        [ProviderFamily.SiliconFlow] = [.. SiliconFlowRules.All, .. OpenAiRules.All, .. StatusRules.All],
        [ProviderFamily.Xai] = [.. XaiRules.All, .. OpenAiRules.All, .. StatusRules.All],
        [ProviderFamily.Nvidia] = [.. NvidiaRules.All, .. OpenAiRules.All, .. StatusRules.All],
        [ProviderFamily.DeepSeek] = [.. DeepSeekRules.All, .. OpenAiRules.All, .. StatusRules.All],
        [ProviderFamily.Groq] = [.. GroqRules.All, .. OpenAiRules.All, .. StatusRules.All],
        [ProviderFamily.Mistral] = [.. MistralRules.All, .. OpenAiRules.All, .. StatusRules.All],
        [ProviderFamily.Relay] = [.. RelayRules.All, .. OpenAiRules.All, .. StatusRules.All],
    }.ToFrozenDictionary();

    public static IReadOnlyList<FailureRule> For(ProviderFamily family) =>
        ByFamily.TryGetValue(family, out var rules) ? rules : ByFamily[ProviderFamily.Generic];
}
