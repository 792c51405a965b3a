using Guard.Configuration;
using Guard.Probing;

namespace Guard.Benchmarks;

/// <summary>A prober that always succeeds and counts requests per tier (a day on fake time in milliseconds).</summary>
internal sealed class CountingProber(TimeProvider time) : IModelProber
{
    public int Reach { get; private set; }

    public int Deep { get; private set; }

    public Task<ProbeResult> ProbeAsync(ModelDefinition model, ProbeTier tier, CancellationToken cancellationToken)
    {
        if (tier == ProbeTier.Deep)
        {
            Deep++;
        }
        else
        {
            Reach++;
        }

        return Task.FromResult(new ProbeResult
        {
            ModelId = model.Id, Provider = model.Provider, Api = model.Api, Tier = tier, Ok = true, HttpStatus = 200,
            Latency = TimeSpan.FromMilliseconds(100), StartedAt = time.GetUtcNow(),
        });
    }
}
