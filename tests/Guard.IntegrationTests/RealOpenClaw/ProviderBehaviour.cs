namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>What one scripted provider does with chat completions (and, where a real provider would, its model list).</summary>
public enum ProviderBehaviour
{
    /// <summary>Streams a short answer with a usage chunk.</summary>
    Healthy,

    /// <summary>429 <c>insufficient_quota</c> on completions; the model list still answers, as OpenAI's does.</summary>
    QuotaExhausted,

    /// <summary>403 on everything (region block / disabled organisation).</summary>
    Forbidden,

    /// <summary>Accepts the request and never answers.</summary>
    Hang,

    /// <summary>503 at once on everything.</summary>
    ServerError,
}
