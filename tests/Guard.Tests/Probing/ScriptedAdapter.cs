using Guard.Configuration;
using Guard.Probing.Providers;

namespace Guard.Tests.Probing;

/// <summary>An adapter whose attempts are scripted; each call signals <see cref="Entered"/> so tests advance time deterministically.</summary>
internal sealed class ScriptedAdapter(params Func<CancellationToken, Task<AttemptOutcome>>[] script) : IProviderAdapter
{
    private readonly TaskCompletionSource[] _entered =
        [.. Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];

    public string Api => ApiKinds.OpenAiCompletions;

    public int Calls { get; private set; }

    public List<ProbeAttempt> Attempts { get; } = [];

    /// <summary>Completes when call number <paramref name="call"/> (1-based) has started.</summary>
    public Task Entered(int call) => _entered[call - 1].Task;

    public Task<AttemptOutcome> ProbeAsync(ProbeAttempt attempt, CancellationToken cancellationToken)
    {
        var step = script[Math.Min(Calls, script.Length - 1)];
        Attempts.Add(attempt);
        _entered[Calls].TrySetResult();
        Calls++;

        return step(cancellationToken);
    }

    public static Func<CancellationToken, Task<AttemptOutcome>> Returns(AttemptOutcome outcome) => _ => Task.FromResult(outcome);

    /// <summary>Never answers; ends only when the attempt's token is cancelled (the probe timeout or the caller).</summary>
    public static Func<CancellationToken, Task<AttemptOutcome>> Hangs() => async ct =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        throw new InvalidOperationException("unreachable");
    };
}
