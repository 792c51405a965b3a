using Guard.Configuration;
using Guard.Probing.Classification;

namespace Guard.Tests.Probing.Classification;

public sealed class ProviderFamiliesTests
{
    [Theory]
    [InlineData(ApiKinds.GoogleGenerativeAi, "google", "https://generativelanguage.googleapis.com/v1beta", ProviderFamily.Gemini)]
    [InlineData(ApiKinds.OpenAiCompletions, "gemini-compat", "https://generativelanguage.googleapis.com/v1beta/openai", ProviderFamily.Gemini)]
    [InlineData(ApiKinds.AnthropicMessages, "anthropic", "https://api.anthropic.com", ProviderFamily.Anthropic)]
    [InlineData(ApiKinds.AnthropicMessages, "glm", "https://open.bigmodel.cn/api/anthropic", ProviderFamily.Zhipu)]
    [InlineData(ApiKinds.OpenAiCompletions, "kimi", "https://api.moonshot.cn/v1", ProviderFamily.Moonshot)]
    [InlineData(ApiKinds.OpenAiCompletions, "custom", "https://api.moonshot.ai/v1", ProviderFamily.Moonshot)]
    [InlineData(ApiKinds.OpenAiCompletions, "zai", "https://api.z.ai/api/coding/paas/v4", ProviderFamily.Zhipu)]
    [InlineData(ApiKinds.OpenAiCompletions, "x", "https://openrouter.ai/api/v1", ProviderFamily.OpenRouter)]
    [InlineData(ApiKinds.OpenAiCompletions, "openai", "https://api.openai.com/v1", ProviderFamily.OpenAi)]
    [InlineData(ApiKinds.OpenAiCompletions, "deepseek", "https://api.deepseek.com/v1", ProviderFamily.DeepSeek)]
    [InlineData(ApiKinds.OpenAiCompletions, "my-relay", "https://api.deepseek.com/v1", ProviderFamily.DeepSeek)]
    [InlineData(ApiKinds.OpenAiCompletions, "qwen", "https://relay.example.com/v1", ProviderFamily.DashScope)]
    [InlineData(ApiKinds.OpenAiCompletions, "x", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1", ProviderFamily.DashScope)]
    [InlineData(ApiKinds.OpenAiCompletions, "x", "https://api.siliconflow.cn/v1", ProviderFamily.SiliconFlow)]
    [InlineData(ApiKinds.OpenAiCompletions, "x", "https://api.x.ai/v1", ProviderFamily.Xai)]
    [InlineData(ApiKinds.OpenAiCompletions, "x", "https://integrate.api.nvidia.com/v1", ProviderFamily.Nvidia)]
    [InlineData(ApiKinds.OpenAiCompletions, "x", "https://api.groq.com/openai/v1", ProviderFamily.Groq)]
    [InlineData(ApiKinds.OpenAiCompletions, "x", "https://api.mistral.ai/v1", ProviderFamily.Mistral)]
    [InlineData(ApiKinds.OpenAiCompletions, "new-api", "https://relay.example.com/v1", ProviderFamily.Relay)]
    [InlineData(ApiKinds.OpenAiCompletions, "moonshot", "http://127.0.0.1:5000/v1", ProviderFamily.Moonshot)]
    [InlineData(ApiKinds.AnthropicMessages, "my-proxy", "http://127.0.0.1:5000", ProviderFamily.Anthropic)]
    [InlineData(ApiKinds.OpenAiCompletions, "lab", null, ProviderFamily.Generic)]
    public void Detect_ByHostThenProviderId(string api, string provider, string? baseUrl, ProviderFamily expected) =>
        Assert.Equal(expected, ProviderFamilies.Detect(api, provider, baseUrl));
}
