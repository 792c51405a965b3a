namespace Guard.Configuration;

/// <summary>Turns <c>Guard:Models</c> into the effective chain, filling provider defaults.</summary>
public static class ModelCatalog
{
    /// <summary>The seed incident's chain on bundled providers; probed when nothing else is configured.</summary>
    public static readonly IReadOnlyList<string> BuiltInChain =
    [
        "google/gemini-3-flash-preview",
        "anthropic/claude-opus-4-5",
        "moonshot/kimi-k2.5",
        "zhipu/glm-4.7",
    ];

    public static IReadOnlyList<ModelDefinition> Resolve(GuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Models.Where(m => m.Enabled).ToList();
        if (configured.Count > 0)
        {
            return configured.Select(m => Resolve(m, options.Probe.Timeout, ModelSource.GuardConfig)).ToList();
        }

        return BuiltInChain.Select(id => Resolve(new ModelOptions { Id = id }, options.Probe.Timeout, ModelSource.BuiltInDefault)).ToList();
    }

    public static ModelDefinition Resolve(ModelOptions model, TimeSpan defaultTimeout, ModelSource source)
    {
        ArgumentNullException.ThrowIfNull(model);
        var slash = model.Id.IndexOf('/', StringComparison.Ordinal);
        var provider = slash > 0 ? model.Id[..slash] : model.Id;
        var providerModel = slash > 0 ? model.Id[(slash + 1)..] : model.Id;
        var defaults = ProviderDefaults.Find(provider);
        return new ModelDefinition(
            Id: model.Id,
            Provider: provider,
            Api: NonEmpty(model.Api) ?? defaults?.Api ?? ApiKinds.OpenAiCompletions,
            BaseUrl: NonEmpty(model.BaseUrl)?.TrimEnd('/') ?? defaults?.BaseUrl,
            Model: NonEmpty(model.Model) ?? providerModel,
            ApiKeyEnv: NonEmpty(model.ApiKeyEnv) ?? defaults?.ApiKeyEnv ?? ProviderDefaults.GuessKeyEnv(provider),
            Tiers: model.Tiers.Distinct().ToList(),
            Headers: new Dictionary<string, string>(model.Headers, StringComparer.OrdinalIgnoreCase),
            Timeout: model.Timeout ?? defaultTimeout,
            Source: source);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
