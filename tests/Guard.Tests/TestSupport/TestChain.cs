using Guard.Configuration;
using Guard.Probing;

namespace Guard.Tests.TestSupport;

/// <summary>Builds chains and probe results for pure tests.</summary>
internal static class TestChain
{
    public static IReadOnlyList<ModelDefinition> Of(params string[] ids) =>
        ids.Select(id => ModelCatalog.Resolve(new ModelOptions { Id = id }, TimeSpan.FromSeconds(15), ModelSource.GuardConfig)).ToList();

    public static ProbeResult Ok(string model, ProbeTier tier = ProbeTier.Reach, double latencyMs = 100) => new()
    {
        ModelId = model, Provider = model.Split('/')[0], Api = ApiKinds.OpenAiCompletions, Tier = tier, Ok = true,
        HttpStatus = 200, Latency = TimeSpan.FromMilliseconds(latencyMs),
    };

    public static ProbeResult Fail(string model, FailureKind kind, ProbeTier tier = ProbeTier.Reach, int? status = null,
        TimeSpan? retryAfter = null, bool undetailed = false, string? message = null) => new()
    {
        ModelId = model, Provider = model.Split('/')[0], Api = ApiKinds.OpenAiCompletions, Tier = tier, Ok = false, Kind = kind,
        HttpStatus = status, RetryAfter = retryAfter, IsUndetailedRateLimit = undetailed, Message = message ?? $"{kind} from test",
    };

    public static ModelProbeOutcome Outcome(string model, params ProbeResult[] results) => new(model, results);
}
