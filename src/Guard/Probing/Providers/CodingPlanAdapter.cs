using Guard.Probing.Http;

namespace Guard.Probing.Providers;

/// <summary>
/// Every coding-plan model, whatever its API kind: only the plan's zero-token quota endpoint, never the coding API
/// itself (the plans are reserved for coding tools, providers.md §4–§5). The endpoint also proves the key (401 on a
/// bad one) and tells quota-exhausted from healthy. A deep request is answered the same way: it never spends a token.
/// </summary>
internal sealed class CodingPlanAdapter(ProbeHttpExecutor http, ProbeTuning tuning) : IProviderAdapter
{
    /// <summary>Not an <see cref="Configuration.ApiKinds"/> value: <see cref="ModelProber"/> picks this adapter by base URL.</summary>
    public const string ApiName = "coding-plan";

    public string Api => ApiName;

    public async Task<AttemptOutcome> ProbeAsync(ProbeAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var call = CodingPlans.Of(attempt.Family, attempt.BaseUrl) switch
        {
            CodingPlan.ZhipuCodingPlan => new ProbeCall(
                ZhipuPlanReply.Step, Get(attempt, CodingPlans.ZhipuPlanUrl(attempt.BaseUrl)), tuning.MaxBodyBytes, ZhipuPlanReply.Interpret),
            CodingPlan.KimiCode => new ProbeCall(
                KimiCodeUsages.Step, Get(attempt, new Uri(attempt.BaseUrl).GetLeftPart(UriPartial.Authority) + KimiCodeUsages.Path),
                tuning.MaxBodyBytes, KimiCodeUsages.Interpret),
            _ => throw new InvalidOperationException($"{attempt.Model.Id} is not on a coding plan"),
        };
        return await http.SendAsync(attempt, call, cancellationToken);
    }

    private static HttpRequestMessage Get(ProbeAttempt attempt, string url)
    {
        var request = ProbeRequests.Create(HttpMethod.Get, url, attempt.Model, null);
        ProbeRequests.SetHeader(request, "Authorization", "Bearer " + attempt.ApiKey);
        return request;
    }
}
