using Guard.Configuration;
using Guard.Probing.Classification;

namespace Guard.Probing.Providers;

/// <summary>The one-token chat completion body, with the per-provider twists (providers.md §0.1, §5, §6).</summary>
internal static class OpenAiChatBody
{
    public static byte[] For(ModelDefinition model, ProviderFamily family) =>
        ProbeRequests.Json(writer =>
        {
            writer.WriteString("model", model.Model);
            ProbeRequests.WritePingMessages(writer);
            writer.WriteNumber(UsesMaxCompletionTokens(model.Model, family) ? "max_completion_tokens" : "max_tokens", 1);
            writer.WriteBoolean("stream", false);
            if (family == ProviderFamily.Zhipu)
            {
                // GLM-4.5+ think by default; a thinking model would spend the single token on reasoning.
                writer.WriteStartObject("thinking");
                writer.WriteString("type", "disabled");
                writer.WriteEndObject();
            }
        });

    /// <summary>OpenAI reasoning models (o1/o3/o4, gpt-5*) reject max_tokens with 400 unsupported_parameter.</summary>
    public static bool UsesMaxCompletionTokens(string model, ProviderFamily family)
    {
        if (family is not (ProviderFamily.OpenAi or ProviderFamily.Generic))
        {
            return false;
        }

        var name = model[(model.LastIndexOf('/') + 1)..].ToLowerInvariant();
        return name.StartsWith("o1", StringComparison.Ordinal) || name.StartsWith("o3", StringComparison.Ordinal)
            || name.StartsWith("o4", StringComparison.Ordinal) || name.StartsWith("gpt-5", StringComparison.Ordinal);
    }
}
