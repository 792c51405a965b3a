namespace Guard.Probing.Classification;

/// <summary>Whose error vocabulary a response speaks; picks the classifier's rule set.</summary>
public enum ProviderFamily
{
    /// <summary>Any OpenAI-compatible endpoint we have no specific rules for (DeepSeek, NVIDIA, Groq, …).</summary>
    Generic,
    OpenAi,
    Anthropic,

    /// <summary>Google Generative Language API, native or its OpenAI-compatible endpoint.</summary>
    Gemini,
    Moonshot,
    Zhipu,
    OpenRouter,
}
