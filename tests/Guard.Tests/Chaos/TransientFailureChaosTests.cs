using Guard.Alerts;
using Guard.Probing;
using Guard.Recovery;
using Guard.Tests.TestSupport;
using Guard.Tracking;
using NSubstitute;

namespace Guard.Tests.Chaos;

/// <summary>Chaos: 1000 rounds where each model fails 20 % of the time at random must never look like an outage.</summary>
public sealed class TransientFailureChaosTests
{
    private static readonly FailureKind[] TransientKinds =
        [FailureKind.ServerError, FailureKind.Timeout, FailureKind.Overloaded, FailureKind.Network, FailureKind.RateLimited];

    [Theory]
    [InlineData(20260212)]
    [InlineData(7)]
    [InlineData(424242)]
    public async Task ThousandRounds_TwentyPercentRandomTransientFailures_NoRestartNoChainDark(int seed)
    {
        using var rig = new ChaosRig(models: 4);
        var random = new Random(seed);
        var failures = 0;
        rig.Prober.Handler = (m, t, _) =>
        {
            lock (random)
            {
                if (random.NextDouble() < 0.2)
                {
                    failures++;
                    var kind = TransientKinds[random.Next(TransientKinds.Length)];
                    return Task.FromResult(TestChain.Fail(m.Id, kind, t, kind == FailureKind.RateLimited ? 429 : 503));
                }
            }

            return Task.FromResult(TestChain.Ok(m.Id, t));
        };

        var decisions = new List<RecoveryDecision>();
        for (var round = 0; round < 1000; round++)
        {
            decisions.Add(await rig.RoundAsync());
        }

        // The script really injected about 20 % failures (so the assertions below are not vacuous).
        var probes = rig.Prober.Calls.Count;
        Assert.InRange(failures / (double)probes, 0.17, 0.23);
        Assert.True(rig.Count(TransitionKind.ModelDown) > 0, "20 % failures should sometimes take one model down");

        Assert.Empty(rig.Systemd.Restarts);
        Assert.Equal(0, rig.Count(TransitionKind.ChainDark));
        Assert.All(decisions, d => Assert.Equal(RecoveryDecision.None, d));
        rig.Alerts.DidNotReceive().Raise(Arg.Any<AlertEvent>());
        Assert.False(rig.Store.Snapshot().Recovery.ManualInterventionNeeded);
    }
}
