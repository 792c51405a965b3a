using Guard.OpenClaw.Discovery;
using Guard.Probing.Providers;

namespace Guard.Configuration;

/// <summary>
/// Turns <c>Guard:Models</c> and the chain discovered from OpenClaw into the effective chain, filling provider defaults.
/// Guard's own entries override discovered ones with the same id (field by field; <c>Enabled: false</c> drops one)
/// and extend the chain after them.
/// </summary>
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

    /// <summary>Merges <paramref name="discovered"/> (the whole chain, in order) with Guard:Models.</summary>
    public static IReadOnlyList<ModelDefinition> Resolve(GuardOptions options, IReadOnlyList<DiscoveredModel>? discovered)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (discovered is { Count: > 0 })
        {
            return Merge(options, discovered);
        }

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
        var definition = new ModelDefinition(
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

        // Coding plans get no deep probe, whatever was configured (their terms reserve them for coding tools).
        return definition with { Tiers = CodingPlans.AllowedTiers(definition) };
    }

    private static List<ModelDefinition> Merge(GuardOptions options, IReadOnlyList<DiscoveredModel> discovered)
    {
        var timeout = options.Probe.Timeout;
        var result = new List<ModelDefinition>();
        var used = new HashSet<ModelOptions>();
        foreach (var d in discovered)
        {
            var own = options.Models.FirstOrDefault(m => string.Equals(m.Id, d.Id, StringComparison.OrdinalIgnoreCase));
            if (own is not null)
            {
                used.Add(own);
                if (!own.Enabled)
                {
                    continue;
                }

                var merged = new ModelOptions
                {
                    Id = d.Id,
                    Api = NonEmpty(own.Api) ?? d.Api,
                    BaseUrl = NonEmpty(own.BaseUrl) ?? d.BaseUrl,
                    Model = NonEmpty(own.Model) ?? d.Model,
                    ApiKeyEnv = NonEmpty(own.ApiKeyEnv) ?? d.KeyName,
                    Tiers = own.Tiers,
                    Headers = own.Headers,
                    Timeout = own.Timeout,
                };
                // Guard's own entry can make a model probeable that discovery could not (its base URL and API, say).
                var completed = NonEmpty(own.BaseUrl) is not null && NonEmpty(own.Api) is not null;
                result.Add(Resolve(merged, timeout, ModelSource.GuardConfig) with
                {
                    Origin = $"Guard:Models over OpenClaw {d.Origin}",
                    KeyOrigin = NonEmpty(own.ApiKeyEnv) is { } env ? $"${env} (Guard:Models)" : d.KeyOrigin,
                    NotProbedBecause = completed ? null : d.NotProbedBecause,
                });
                continue;
            }

            var fromOpenClaw = new ModelOptions { Id = d.Id, Api = d.Api, BaseUrl = d.BaseUrl, Model = d.Model, ApiKeyEnv = d.KeyName };
            result.Add(Resolve(fromOpenClaw, timeout, ModelSource.OpenClaw) with
            {
                Origin = d.Origin, KeyOrigin = d.KeyOrigin, NotProbedBecause = d.NotProbedBecause,
            });
        }

        foreach (var own in options.Models.Where(m => m.Enabled && !used.Contains(m)))
        {
            result.Add(Resolve(own, timeout, ModelSource.GuardConfig));
        }

        return result;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
