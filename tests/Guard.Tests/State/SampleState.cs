using Guard.Probing;
using Guard.State;

namespace Guard.Tests.State;

/// <summary>A state with every field set to a non-default value.</summary>
internal static class SampleState
{
    public static readonly DateTimeOffset T0 = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);

    public static GuardState Full() => new()
    {
        LastCheck = T0,
        Models =
        {
            ["google/gemini-3-flash-preview"] = new ModelState
            {
                ConsecutiveFailures = 3,
                LastAvailable = T0.AddHours(-1),
                LastError = "You have exhausted your gemini-3-flash quota",
                LastCheck = T0,
                Health = ModelHealth.Down,
                LastFailureKind = FailureKind.QuotaExhausted,
                LastStatus = 429,
                LastSuccess = T0.AddHours(-1),
                LastFailure = T0,
                FailureCounts = { [FailureKind.QuotaExhausted] = 3, [FailureKind.Timeout] = 1 },
                RetryAfterUntil = T0.AddMinutes(1),
                ResetAt = T0.AddHours(5),
                RateLimitedSince = T0.AddMinutes(-10),
                LastDeepProbe = T0.AddMinutes(-30),
                LastLatencyMs = 123.5,
            },
            ["zhipu/glm-4.7"] = new ModelState { Health = ModelHealth.Healthy, LastAvailable = T0, LastLatencyMs = 80 },
        },
        Chain = new ChainState
        {
            ConsecutiveDarkRounds = 2,
            DarkSince = T0.AddMinutes(-1),
            LastRound = T0,
            UsableModels = ["zhipu/glm-4.7"],
            Rounds = 42,
        },
        Restarts =
        {
            new RestartRecord
            {
                At = T0.AddMinutes(-5),
                Reason = "chain dark for 3 rounds",
                FailureKinds = [FailureKind.Forbidden, FailureKind.Timeout],
                JobResult = "done",
                Verified = true,
                DowntimeSeconds = 95.5,
                Outcome = "recovered",
            },
        },
    };
}
