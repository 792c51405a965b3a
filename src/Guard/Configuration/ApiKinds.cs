namespace Guard.Configuration;

/// <summary>OpenClaw's own names for the provider wire formats.</summary>
public static class ApiKinds
{
    public const string OpenAiCompletions = "openai-completions";
    public const string AnthropicMessages = "anthropic-messages";
    public const string GoogleGenerativeAi = "google-generative-ai";
}
