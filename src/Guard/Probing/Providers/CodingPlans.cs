using Guard.Configuration;
using Guard.Probing.Classification;

namespace Guard.Probing.Providers;

/// <summary>Recognises coding-plan endpoints from the provider family and the base URL's path.</summary>
public static class CodingPlans
{
    public static CodingPlan Of(ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Of(ProviderFamilies.Detect(model), model.BaseUrl);
    }

    public static CodingPlan Of(ProviderFamily family, string? baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return CodingPlan.None;
        }

        var path = uri.AbsolutePath;
        return family switch
        {
            ProviderFamily.Zhipu when path.Contains("/api/coding/", StringComparison.OrdinalIgnoreCase) => CodingPlan.ZhipuCodingPlan,
            ProviderFamily.Moonshot when path.StartsWith("/coding/", StringComparison.OrdinalIgnoreCase)
                || path.Equals("/coding", StringComparison.OrdinalIgnoreCase) => CodingPlan.KimiCode,
            _ => CodingPlan.None,
        };
    }

    /// <summary>The tiers Guard may use: a coding plan gets the zero-token reach tier only, whatever was configured.</summary>
    public static List<ProbeTier> AllowedTiers(ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Of(model) == CodingPlan.None ? [.. model.Tiers] : [ProbeTier.Reach];
    }

    /// <summary>GLM's plan quota lives beside the coding API: <c>{scheme://host}/api/monitor/usage/quota/limit</c>.</summary>
    public static string ZhipuPlanUrl(string baseUrl) => new Uri(baseUrl).GetLeftPart(UriPartial.Authority) + ZhipuPlanPath;

    public const string ZhipuPlanPath = "/api/monitor/usage/quota/limit";
}
