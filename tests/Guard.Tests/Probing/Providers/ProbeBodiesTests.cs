using System.Text.Json;
using Guard.Configuration;
using Guard.Probing.Classification;
using Guard.Probing.Providers;

namespace Guard.Tests.Probing.Providers;

public sealed class ProbeBodiesTests
{
    [Theory]
    [InlineData("gemini-2.5-flash", 0, null)]
    [InlineData("gemini-2.5-flash-lite", 0, null)]
    [InlineData("models/gemini-2.5-flash", 0, null)]
    [InlineData("gemini-2.5-pro", null, null)]
    [InlineData("gemini-3-flash-preview", null, "low")]
    [InlineData("gemini-3-pro-preview", null, "low")]
    [InlineData("gemini-2.0-flash", null, null)]
    public void GeminiThinking_PerModelFamily(string model, int? budget, string? level) =>
        Assert.Equal((budget, level), GeminiThinking.For(model));

    [Theory]
    [InlineData("gpt-4o-mini", ProviderFamily.OpenAi, false)]
    [InlineData("o3-mini", ProviderFamily.OpenAi, true)]
    [InlineData("o1", ProviderFamily.OpenAi, true)]
    [InlineData("o4-mini", ProviderFamily.Generic, true)]
    [InlineData("gpt-5.1", ProviderFamily.OpenAi, true)]
    [InlineData("openai/gpt-5", ProviderFamily.OpenRouter, false)]
    [InlineData("kimi-k2.6", ProviderFamily.Moonshot, false)]
    public void OpenAiChatBody_ReasoningModelsUseMaxCompletionTokens(string model, ProviderFamily family, bool expected) =>
        Assert.Equal(expected, OpenAiChatBody.UsesMaxCompletionTokens(model, family));

    [Fact]
    public void OpenAiChatBody_Zhipu_DisablesThinking()
    {
        using var body = JsonDocument.Parse(OpenAiChatBody.For(Model("glm-4.7"), ProviderFamily.Zhipu));
        var root = body.RootElement;

        Assert.Equal("glm-4.7", root.GetProperty("model").GetString());
        Assert.Equal(1, root.GetProperty("max_tokens").GetInt32());
        Assert.False(root.GetProperty("stream").GetBoolean());
        Assert.Equal("ping", root.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal("disabled", root.GetProperty("thinking").GetProperty("type").GetString());
    }

    [Fact]
    public void OpenAiChatBody_OpenAi_HasNoThinking()
    {
        using var body = JsonDocument.Parse(OpenAiChatBody.For(Model("gpt-4o-mini"), ProviderFamily.OpenAi));

        Assert.False(body.RootElement.TryGetProperty("thinking", out _));
    }

    private static ModelDefinition Model(string model) =>
        new("p/" + model, "p", ApiKinds.OpenAiCompletions, "https://example.test/v1", model, "P_API_KEY",
            [ProbeTier.Reach], new Dictionary<string, string>(), TimeSpan.FromSeconds(5), ModelSource.GuardConfig);
}
