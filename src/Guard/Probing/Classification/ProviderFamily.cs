namespace Guard.Probing.Classification;

/// <summary>Whose error vocabulary a response speaks; picks the classifier's rule set.</summary>
public enum ProviderFamily
{
    /// <summary>Any OpenAI-compatible endpoint we have no specific rules for (a company gateway, LiteLLM, …).</summary>
    Generic,
    OpenAi,
    Anthropic,

    /// <summary>Google Generative Language API, native or its OpenAI-compatible endpoint.</summary>
    Gemini,
    Moonshot,
    Zhipu,
    OpenRouter,

    /// <summary>Alibaba Model Studio / DashScope (Qwen), native and compatible mode.</summary>
    DashScope,
    SiliconFlow,

    /// <summary>xAI (Grok).</summary>
    Xai,

    /// <summary>NVIDIA NIM / API catalogue (integrate.api.nvidia.com).</summary>
    Nvidia,
    DeepSeek,
    Groq,
    Mistral,

    /// <summary>one-api / new-api style relays: their own quota and channel errors, upstream errors passed through.</summary>
    Relay,
}
