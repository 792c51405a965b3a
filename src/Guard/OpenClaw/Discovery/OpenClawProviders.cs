using System.Collections.Frozen;
using Guard.Configuration;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// OpenClaw's provider ids and <c>api</c> values as Guard understands them: bundled providers' wire format, base URL
/// and key variables, and which providers sign in with OAuth only (Guard cannot probe those with an API key).
/// </summary>
public static class OpenClawProviders
{
    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["gemini"] = "google",
        ["z-ai"] = "zai",
        ["z.ai"] = "zai",
        ["moonshotai"] = "moonshot",
        ["kimi"] = "moonshot",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Bundled providers that ProviderDefaults does not know yet.
    private static readonly FrozenDictionary<string, ProviderDefaults> Extra = new Dictionary<string, ProviderDefaults>(StringComparer.OrdinalIgnoreCase)
    {
        ["together"] = new("together", ApiKinds.OpenAiCompletions, "https://api.together.xyz/v1", "TOGETHER_API_KEY"),
        ["cerebras"] = new("cerebras", ApiKinds.OpenAiCompletions, "https://api.cerebras.ai/v1", "CEREBRAS_API_KEY"),
        ["venice"] = new("venice", ApiKinds.OpenAiCompletions, "https://api.venice.ai/api/v1", "VENICE_API_KEY"),
        ["minimax"] = new("minimax", ApiKinds.AnthropicMessages, "https://api.minimax.io/anthropic", "MINIMAX_API_KEY"),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Further variables OpenClaw accepts for a provider's key, after the first.
    private static readonly FrozenDictionary<string, string[]> AlternateKeyEnv = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["google"] = ["GOOGLE_API_KEY"],
        ["zai"] = ["Z_AI_API_KEY"],
        ["moonshot"] = ["KIMI_API_KEY"],
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> OAuthOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "google-antigravity", "google-gemini-cli", "openai-codex", "github-copilot", "qwen-portal", "chutes",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The bundled provider behind an OpenClaw id (aliases folded), or null for custom/unknown ones.</summary>
    public static ProviderDefaults? Bundled(string provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var id = Aliases.GetValueOrDefault(provider) ?? provider;
        return ProviderDefaults.Find(id) ?? Extra.GetValueOrDefault(id);
    }

    public static bool IsOAuthOnly(string provider) => OAuthOnly.Contains(provider);

    /// <summary>Every variable OpenClaw reads the provider's key from, most usual first.</summary>
    public static IReadOnlyList<string> KeyEnvNames(string provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var bundled = Bundled(provider);
        var id = bundled?.Provider ?? provider;
        var names = new List<string> { bundled?.ApiKeyEnv ?? ProviderDefaults.GuessKeyEnv(provider) };
        names.AddRange(AlternateKeyEnv.GetValueOrDefault(id) ?? []);
        return names;
    }

    /// <summary>
    /// Guard's probe format for an OpenClaw <c>api</c> value; null when Guard cannot probe it. OpenAI's Responses endpoints
    /// also serve Chat Completions, and Ollama serves an OpenAI-compatible API, so those are probed that way.
    /// </summary>
    public static string? ProbeApi(string? api) => api switch
    {
        null or "" => null,
        ApiKinds.OpenAiCompletions or ApiKinds.AnthropicMessages or ApiKinds.GoogleGenerativeAi => api,
        "openai-responses" or "openai-chatgpt-responses" or "ollama" => ApiKinds.OpenAiCompletions,
        _ => null,
    };
}
