using Guard.Probing;

namespace Guard.Quota.Reported;

/// <summary>What one probe result tells the quota watch: rate-limit headers, a balance or key body, a QuotaExhausted failure.</summary>
public static class ProbeReadings
{
    public const string ProbeSource = "probe";

    public static IReadOnlyList<ProviderReading> From(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var receivedAt = result.StartedAt + result.Latency;
        var readings = new List<ProviderReading>(RateLimitHeaderParser.Parse(result.ModelId, result.RateLimitHeaders, receivedAt));
        if (result.QuotaReply is { } reply)
        {
            var reading = reply.Step switch
            {
                "balance" => BalanceParser.Moonshot(result.ModelId, reply.Body.Span, reply.ReceivedAt),
                "key" => BalanceParser.OpenRouter(result.ModelId, reply.Body.Span, reply.ReceivedAt),
                ZhipuPlanPoller.Step => BalanceParser.Zhipu(result.ModelId, reply.Body.Span, reply.ReceivedAt),
                _ => null,
            };
            if (reading is not null)
            {
                readings.Add(reading);
            }
        }

        if (result.Kind == FailureKind.QuotaExhausted)
        {
            readings.Add(new ProviderReading
            {
                ModelId = result.ModelId,
                Source = ProbeSource,
                Meter = QuotaMeter.Requests,
                ResetAt = result.ResetAt,
                ObservedAt = receivedAt,
                Exhausted = true,
                Note = result.Message,
            });
        }

        return readings;
    }

    /// <summary>A successful 1-token probe proves a QuotaExhausted reading from an earlier probe is over.</summary>
    public static bool ClearsExhaustion(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result is { Ok: true, Tier: Configuration.ProbeTier.Deep };
    }
}
