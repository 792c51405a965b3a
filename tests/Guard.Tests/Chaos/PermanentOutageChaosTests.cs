using Guard.Alerts;
using Guard.Configuration;
using Guard.Probing;
using Guard.Recovery;
using Guard.Tests.TestSupport;
using Guard.Tracking;
using NSubstitute;

namespace Guard.Tests.Chaos;

/// <summary>Chaos: a permanent outage for three hours of fake time must cost exactly the restart budget, then stop.</summary>
public sealed class PermanentOutageChaosTests
{
    // OpenClaw's unit: StartLimitBurst=5 within StartLimitIntervalSec=60; Guard must stay below it on its own.
    private const int StartLimitBurst = 5;

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public async Task ThreeHoursDark_ExactlyMaxRestartsThenManualIntervention(int maxRestarts)
    {
        using var rig = new ChaosRig(models: 3, new RecoveryOptions { MaxRestarts = maxRestarts });
        rig.Prober.Handler = (m, t, _) => Task.FromResult(TestChain.Fail(m.Id, FailureKind.ServerError, t, 503));
        var start = rig.Time.GetUtcNow();

        var decisions = new List<(DateTimeOffset At, RecoveryDecision Decision)>();
        while (rig.Time.GetUtcNow() - start < TimeSpan.FromHours(3))
        {
            var decision = await rig.RoundAsync();
            decisions.Add((rig.Time.GetUtcNow(), decision));
        }

        var restarts = rig.Systemd.Restarts.ToList();
        Assert.Equal(maxRestarts, restarts.Count);
        Assert.Equal(maxRestarts, decisions.Count(d => d.Decision == RecoveryDecision.Restarted));
        Assert.True(restarts[^1] - restarts[0] < rig.Options.Recovery.RestartWindow, "all restarts fall in the first window");

        // Once the budget is used up Guard says so once and then only reports manual intervention.
        var firstManual = decisions.FindIndex(d => d.Decision == RecoveryDecision.ManualIntervention);
        Assert.True(firstManual > 0);
        Assert.All(decisions.Skip(firstManual), d => Assert.Equal(RecoveryDecision.ManualIntervention, d.Decision));
        Assert.True(rig.Store.Snapshot().Recovery.ManualInterventionNeeded);
        rig.Alerts.Received(1).Raise(Arg.Is<AlertEvent>(e => e.Kind == AlertEventKind.ManualInterventionNeeded));
        rig.Alerts.Received(maxRestarts).Raise(Arg.Is<AlertEvent>(e => e.Kind == AlertEventKind.GatewayRestarted));

        Assert.Equal(1, rig.Count(TransitionKind.ChainDark));
        Assert.All(restarts, r => Assert.True(restarts.Count(o => o >= r && o - r < TimeSpan.FromSeconds(60)) < StartLimitBurst));
        Assert.All(restarts, r => Assert.True(restarts.Count(o => o >= r && o - r < rig.Options.Recovery.RestartWindow) <= maxRestarts));
    }

    [Fact]
    public async Task DarkHourThenOneAnswerThenDarkAgain_NewEpisodeGetsTheBudgetOnlyAfterTheWindow()
    {
        using var rig = new ChaosRig(models: 2);
        var healthyRound = -1;
        var round = 0;
        rig.Prober.Handler = (m, t, _) => Task.FromResult(round == healthyRound
            ? TestChain.Ok(m.Id, t)
            : TestChain.Fail(m.Id, FailureKind.Timeout, t));

        for (; round < 120; round++)
        {
            await rig.RoundAsync();
        }

        Assert.Equal(3, rig.Systemd.Restarts.Count);
        healthyRound = round;
        for (var end = round + 240; round < end; round++)
        {
            await rig.RoundAsync();
        }

        // Manual intervention cleared when a model answered; the window still limits the second episode.
        var restarts = rig.Systemd.Restarts.ToList();
        Assert.All(restarts, r => Assert.True(restarts.Count(o => o >= r && o - r < rig.Options.Recovery.RestartWindow) <= 3));
        Assert.True(restarts.Count > 3, "the second dark episode, after the window, may restart again");
        Assert.Equal(2, rig.Count(TransitionKind.ChainDark));
    }
}
