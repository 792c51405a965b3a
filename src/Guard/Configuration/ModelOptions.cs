using System.ComponentModel.DataAnnotations;

namespace Guard.Configuration;

/// <summary>One entry of <c>Guard:Models</c>, in chain order (primary first).</summary>
public sealed class ModelOptions
{
    /// <summary>OpenClaw model ref <c>provider/model</c>, split on the first slash.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9._-]+/[^\s\p{C}]+$", ErrorMessage = "The field {0} must be 'provider/model' without spaces, e.g. zhipu/glm-4.7")]
    public string Id { get; set; } = "";

    /// <summary>openai-completions, anthropic-messages or google-generative-ai; empty = inferred from the provider.</summary>
    [AllowedValues(null, "", ApiKinds.OpenAiCompletions, ApiKinds.AnthropicMessages, ApiKinds.GoogleGenerativeAi,
        ErrorMessage = "The field {0} must be openai-completions, anthropic-messages or google-generative-ai")]
    public string? Api { get; set; }

    /// <summary>Absolute http(s) URL; empty = the provider's default.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The provider's model name; empty = the part of Id after the first slash.</summary>
    public string? Model { get; set; }

    /// <summary>Environment variable holding the API key; empty = the provider's usual variable.</summary>
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$", ErrorMessage = "The field {0} must be an environment variable name")]
    public string? ApiKeyEnv { get; set; }

    /// <summary>Which probe tiers run for this model.</summary>
    public List<ProbeTier> Tiers { get; set; } = [ProbeTier.Reach, ProbeTier.Deep];

    /// <summary>Extra HTTP headers sent with every probe (values are not secrets; keys go in ApiKeyEnv).</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per-model probe timeout; empty = Guard:Probe:Timeout.</summary>
    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan? Timeout { get; set; }

    public bool Enabled { get; set; } = true;
}
