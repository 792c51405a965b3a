using System.Text.Json.Serialization;

namespace Guard.Quota;

/// <summary>What a limit counts. Names are part of the state file and <c>guard quota --json</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuotaMeter>))]
public enum QuotaMeter
{
    /// <summary>Tokens (OpenClaw's <c>totalTokens</c>: input + output + cache read + cache write).</summary>
    Tokens,

    /// <summary>LLM calls (assistant turns that did not fail).</summary>
    Requests,

    /// <summary>Money-denominated key limit (OpenRouter credits).</summary>
    Credits,

    /// <summary>Prepaid balance (Moonshot); there is no limit, only what is left.</summary>
    Balance,
}
