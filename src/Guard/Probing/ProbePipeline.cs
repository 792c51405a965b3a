using Guard.Probing.Providers;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Guard.Probing;

/// <summary>
/// Polly v8 pipeline for one probe: a per-attempt timeout (the model's own, via a context property)
/// inside at most one quick jittered retry, and only for failures a retry can fix.
/// </summary>
internal static class ProbePipeline
{
    public static readonly ResiliencePropertyKey<TimeSpan> TimeoutKey = new("guard.probe.timeout");

    public static ResiliencePipeline<AttemptOutcome> Create(
        TimeProvider timeProvider, ProbeTuning tuning, Func<OnRetryArguments<AttemptOutcome>, ValueTask> onRetry) =>
        new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                MaxRetryAttempts = 1,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, tuning.RetryDelayMax)),
                DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(tuning.NextRetryDelay()),
                OnRetry = onRetry,
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(TimeoutKey, tuning.DefaultTimeout)),
            })
            .Build();

    /// <summary>
    /// Network, Timeout, ServerError and Overloaded can clear up in a second; auth, quota, rate limits and bad
    /// requests cannot. A provider that asks for a longer wait than the quick retry is not asked again now.
    /// </summary>
    public static bool ShouldRetry(Outcome<AttemptOutcome> outcome, TimeSpan quickRetryWindow) =>
        outcome.Exception is TimeoutRejectedException
        || (outcome.Result is { Ok: false, Kind: FailureKind.Network or FailureKind.Timeout or FailureKind.ServerError or FailureKind.Overloaded } result
            && (result.RetryAfter is null || result.RetryAfter <= quickRetryWindow));
}
