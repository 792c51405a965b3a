using System.Collections.Concurrent;
using Guard.Configuration;
using Guard.Probing;

namespace Guard.Tests.TestSupport;

/// <summary>An in-memory prober: answers from a script and records when each probe started (fake time).</summary>
internal sealed class ScriptedProber(TimeProvider time) : IModelProber
{
    public ConcurrentQueue<(string Model, ProbeTier Tier, DateTimeOffset At)> Calls { get; } = new();

    public Func<ModelDefinition, ProbeTier, CancellationToken, Task<ProbeResult>> Handler { get; set; } =
        (m, t, _) => Task.FromResult(TestChain.Ok(m.Id, t));

    /// <summary>Signalled on every call, so tests wait for progress instead of sleeping.</summary>
    public SemaphoreSlim Called { get; } = new(0);

    public Task<ProbeResult> ProbeAsync(ModelDefinition model, ProbeTier tier, CancellationToken cancellationToken)
    {
        Calls.Enqueue((model.Id, tier, time.GetUtcNow()));
        Called.Release();
        return Handler(model, tier, cancellationToken);
    }

    public async Task WaitForCallsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            // Real-time guard only against a hang; progress is signalled, never slept for.
            Assert.True(await Called.WaitAsync(TimeSpan.FromSeconds(10)), $"expected {count} probe calls, saw {i}");
        }
    }
}
