using Guard.Configuration;
using Guard.Probing;
using Guard.Probing.Classification;
using Guard.Probing.Http;
using Guard.Probing.Keys;
using Guard.Probing.Providers;

namespace Guard.Quota.Reported;

/// <summary>
/// Polls the GLM Coding Plan quota endpoint, <c>GET {scheme://host}/api/monitor/usage/quota/limit</c>, for Zhipu / Z.AI
/// models on the coding-plan base URL (<c>…/api/coding/…</c>; plan quota exists only there, providers.md §5). One call
/// per host and key, however many models share them. The request goes through the probe executor: bounded body, the
/// key only in the Authorization header and scrubbed from messages, one log record per call, non-2xx classified.
/// </summary>
internal sealed class ZhipuPlanPoller(ProbeHttpExecutor http, IApiKeySource keys, ProbeTuning tuning, TimeProvider time) : IProviderQuotaPoller
{
    public const string Step = ZhipuPlanReply.Step;

    public async Task<IReadOnlyList<ProviderReading>> PollAsync(IReadOnlyList<ModelDefinition> models, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        var readings = new List<ProviderReading>();
        foreach (var group in models.Where(AppliesTo).GroupBy(m => (Url: CodingPlans.ZhipuPlanUrl(m.BaseUrl!), m.ApiKeyEnv)))
        {
            var first = group.First();
            var key = keys.GetKey(first.ApiKeyEnv)?.Trim();
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }

            if (await PollOneAsync(first, group.Key.Url, key, cancellationToken).ConfigureAwait(false) is not { } reading)
            {
                continue;
            }

            foreach (var model in group)
            {
                readings.Add(BalanceParser.Zhipu(model.Id, reading.Body, reading.At)!);
            }
        }

        return readings;
    }

    /// <summary>Zhipu / Z.AI on the Coding Plan endpoint (<c>https://open.bigmodel.cn/api/coding/paas/v4</c>, <c>https://api.z.ai/api/coding/paas/v4</c>).</summary>
    public static bool AppliesTo(ModelDefinition model) => CodingPlans.Of(model) == CodingPlan.ZhipuCodingPlan;

    private async Task<(byte[] Body, DateTimeOffset At)?> PollOneAsync(ModelDefinition model, string url, string key, CancellationToken cancellationToken)
    {
        (byte[] Body, DateTimeOffset At)? parsed = null;
        var request = ProbeRequests.Create(HttpMethod.Get, url, model);
        ProbeRequests.SetHeader(request, "Authorization", "Bearer " + key);
        var call = new ProbeCall(Step, request, tuning.MaxBodyBytes, response =>
        {
            var verdict = Judge(model.Id, response, out var ok);
            if (ok)
            {
                parsed = (response.Body.ToArray(), time.GetUtcNow());
            }

            return verdict;
        });

        var timeout = model.Timeout > TimeSpan.Zero ? model.Timeout : tuning.DefaultTimeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var attempt = new ProbeAttempt(model, ProbeTier.Reach, ProviderFamily.Zhipu, url, key, 1, cancellationToken);
        try
        {
            await http.SendAsync(attempt, call, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The executor logged the timeout; the reading just stays as it was.
            return null;
        }

        return parsed;
    }

    /// <summary>The probe's reading of the reply (logged by the executor); <paramref name="ok"/> when it holds a token limit.</summary>
    private StepVerdict Judge(string modelId, ProviderResponse response, out bool ok)
    {
        ok = BalanceParser.Zhipu(modelId, response.Body.Span, time.GetUtcNow()) is not null;
        return ZhipuPlanReply.Interpret(response);
    }
}
