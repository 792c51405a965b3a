using Guard.Alerts;
using Guard.Probing;

namespace Guard.Tests.Alerts;

/// <summary>The alert rules end to end through the real tracker, on fake time: transitions, flapping, grouping.</summary>
public sealed class TransitionAlertSourceTests : IDisposable
{
    private const string Primary = "google/gemini-3-flash";
    private readonly AlertTestBed _bed = new("owner");

    public void Dispose() => _bed.Dispose();

    private Task<Guard.Tracking.RoundSummary> PrimaryFailsAsync(FailureKind kind = FailureKind.QuotaExhausted) =>
        _bed.RoundAsync(m => m == Primary ? kind : null, status: 429);

    [Fact]
    public async Task ModelDown_FiresOnceAtTheDownThreshold_NotAgainOnLaterFailingRounds()
    {
        for (var round = 1; round <= 6; round++)
        {
            await PrimaryFailsAsync();
            Assert.Equal(round < _bed.Options.Probe.DownAfter ? 0 : 1, _bed.Sent().Count);
        }

        var message = Assert.Single(_bed.Sent());
        Assert.Equal(AlertEventKind.ModelDown, message.Kind);
        Assert.Equal(AlertSeverity.Warning, message.Severity);
        Assert.Equal(AlertStatus.Firing, message.Status);
        Assert.Equal($"ModelDown|{Primary}", message.Fingerprint);
        Assert.Equal($"⚠️ 模型不可用 ModelDown: {Primary}", message.Title);
        Assert.Contains($"{Primary}: QuotaExhausted (HTTP 429)", message.Text, StringComparison.Ordinal);
        Assert.Equal(AlertTestBed.Start.AddSeconds(30 * 3), message.StartsAt);
    }

    [Fact]
    public async Task ModelDown_ResolvesOnlyAfterTwoConsecutiveHealthyRounds_WithDuration()
    {
        for (var i = 0; i < 4; i++)
        {
            await PrimaryFailsAsync(FailureKind.Timeout);
        }

        await _bed.AllOkAsync();
        Assert.Single(_bed.Sent());
        Assert.True(_bed.Manager.IsFiring($"ModelDown|{Primary}"));

        await _bed.AllOkAsync();
        Assert.Equal(2, _bed.Sent().Count);
        var resolved = _bed.Sent()[1];
        Assert.Equal(AlertStatus.Resolved, resolved.Status);
        Assert.Equal(AlertEventKind.ModelRecovered, resolved.Kind);
        Assert.Equal($"ModelDown|{Primary}", resolved.Fingerprint);
        Assert.Equal($"✅ 模型已恢复 ModelRecovered: {Primary}", resolved.Title);
        // Down at round 3 (21:01:30), resolved at round 6 (21:03:00); last failure at round 4.
        Assert.Contains("2026-02-12 21:01 UTC → 2026-02-12 21:03 UTC (1 min)", resolved.Text, StringComparison.Ordinal);
        Assert.Contains("last failure: 2026-02-12 21:02 UTC", resolved.Text, StringComparison.Ordinal);
        Assert.Equal(_bed.Time.GetUtcNow(), resolved.EndsAt);

        for (var i = 0; i < 3; i++)
        {
            await _bed.AllOkAsync();
        }

        Assert.Equal(2, _bed.Sent().Count);
    }

    [Fact]
    public async Task Flap_HealthyFailingHealthy_InsideTheThreshold_SendsNothing()
    {
        foreach (var fails in new[] { false, true, true, false, true, true, false, true, false })
        {
            await (fails ? PrimaryFailsAsync() : _bed.AllOkAsync());
        }

        Assert.Empty(_bed.Channels["owner"].Attempts);
        Assert.Empty(_bed.Manager.Firing());
    }

    [Fact]
    public async Task Flap_AfterModelDown_OneHealthyRoundThenDownAgain_NoNewNoticeAndOneResolveAtTheEnd()
    {
        for (var i = 0; i < 3; i++)
        {
            await PrimaryFailsAsync();
        }

        await _bed.AllOkAsync(); // tracker: ModelRecovered; alert: one healthy round is not enough
        for (var i = 0; i < 3; i++)
        {
            await PrimaryFailsAsync(); // tracker: ModelDown again; alert: already firing
        }

        Assert.Single(_bed.Sent());
        await _bed.AllOkAsync();
        await _bed.AllOkAsync();
        Assert.Equal([AlertStatus.Firing, AlertStatus.Resolved], _bed.Sent().Select(m => m.Status));
    }

    [Fact]
    public async Task ChainDark_AllModelsDownInOneRound_OneGroupedMessageListingEachModel_NoModelDownMessages()
    {
        for (var i = 0; i < 5; i++)
        {
            await _bed.RoundAsync(m => m == Primary ? FailureKind.QuotaExhausted : m.StartsWith("anthropic", StringComparison.Ordinal) ? FailureKind.Forbidden : FailureKind.Timeout);
        }

        var message = Assert.Single(_bed.Sent());
        Assert.Equal(AlertEventKind.ChainDark, message.Kind);
        Assert.Equal(AlertSeverity.Critical, message.Severity);
        Assert.Equal("🚨 模型链全部不可用 ChainDark", message.Title);
        Assert.Contains($"{Primary}: QuotaExhausted", message.Text, StringComparison.Ordinal);
        Assert.Contains("anthropic/claude-opus-4-5: Forbidden", message.Text, StringComparison.Ordinal);
        Assert.Contains("zhipu/glm-4.7: Timeout", message.Text, StringComparison.Ordinal);

        // The alert file shows the chain and each model while dark.
        var file = _bed.ReadAlertFile();
        Assert.Equal(4, file.Failures);
        Assert.Equal(["ChainDark", "QuotaExhausted", "Forbidden", "Timeout"], file.Alerts.Select(a => a.Kind));
        Assert.Equal("Critical", file.Alerts[0].Severity);
        Assert.Null(file.Alerts[0].Model);

        await _bed.AllOkAsync();
        Assert.Equal(2, _bed.Sent().Count);
        var recovered = _bed.Sent()[1];
        Assert.Equal(AlertEventKind.ChainRecovered, recovered.Kind);
        Assert.Equal(AlertStatus.Resolved, recovered.Status);
        Assert.Equal("✅ 模型链已恢复 ChainRecovered", recovered.Title);
        Assert.Contains("zhipu/glm-4.7: OK", recovered.Text, StringComparison.Ordinal);
        Assert.Empty(_bed.ReadAlertFile().Alerts);

        // Grouped model alerts ended with the chain: no ModelRecovered notices afterwards.
        await _bed.AllOkAsync();
        await _bed.AllOkAsync();
        Assert.Equal(2, _bed.Sent().Count);
    }

    [Fact]
    public async Task ChainRecovered_ModelsStillDown_AreAnnouncedWhenTheyRecoverLater()
    {
        for (var i = 0; i < 3; i++)
        {
            await _bed.AllFailAsync();
        }

        await _bed.RoundAsync(m => m == Primary ? FailureKind.QuotaExhausted : null); // chain back, primary still down
        Assert.Equal([AlertEventKind.ChainDark, AlertEventKind.ChainRecovered], _bed.Sent().Select(m => m.Kind));
        Assert.Contains($"{Primary}: QuotaExhausted", _bed.Sent()[1].Text, StringComparison.Ordinal);
        var remaining = Assert.Single(_bed.ReadAlertFile().Alerts);
        Assert.Equal(Primary, remaining.Model);

        await _bed.AllOkAsync();
        await _bed.AllOkAsync();
        Assert.Equal([AlertEventKind.ChainDark, AlertEventKind.ChainRecovered, AlertEventKind.ModelRecovered], _bed.Sent().Select(m => m.Kind));
        Assert.Empty(_bed.ReadAlertFile().Alerts);
    }

    [Fact]
    public async Task ChainDark_RepeatsEveryRepeatEveryWhileFiring_NotAfterResolve()
    {
        _bed.Options.Alerts.RepeatEvery = TimeSpan.FromMinutes(10);
        for (var i = 0; i < 3; i++)
        {
            await _bed.AllFailAsync();
        }

        Assert.Single(_bed.Sent());
        var firedAt = _bed.Time.GetUtcNow();

        // Still dark for 25 minutes of rounds: reminders at +10 and +20 minutes only.
        for (var i = 0; i < 50; i++)
        {
            await _bed.AllFailAsync();
        }

        var reminders = _bed.Sent().Skip(1).ToList();
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, r => Assert.StartsWith("⏰ 仍未恢复 Still firing · 🚨 模型链全部不可用 ChainDark", r.Title, StringComparison.Ordinal));
        Assert.Equal(3, _bed.Sent().Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        var sendTimes = _bed.Channels["owner"].Attempts.Skip(1).Select(a => a.At - firedAt).ToList();
        Assert.Equal([TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20)], sendTimes);

        await _bed.AllOkAsync();
        var count = _bed.Sent().Count;
        _bed.Time.Advance(TimeSpan.FromHours(2));
        await _bed.Dispatcher.DrainOnceAsync(CancellationToken.None);
        Assert.Equal(count, _bed.Sent().Count);
        Assert.Null(_bed.Manager.NextRepeatAt());
    }

    [Fact]
    public async Task Restart_WhileDark_NeitherRefiresNorForgets()
    {
        for (var i = 0; i < 3; i++)
        {
            await _bed.AllFailAsync();
        }

        _bed.Restart();
        for (var i = 0; i < 3; i++)
        {
            await _bed.AllFailAsync();
        }

        Assert.Single(_bed.Sent());
        Assert.Equal(4, _bed.ReadAlertFile().Failures);
        await _bed.AllOkAsync();
        Assert.Equal([AlertEventKind.ChainDark, AlertEventKind.ChainRecovered], _bed.Sent().Select(m => m.Kind));
    }

    [Fact]
    public async Task LostOutbox_WhileDark_ReconcileRaisesTheChainAgainFromTrackerState()
    {
        for (var i = 0; i < 3; i++)
        {
            await _bed.AllFailAsync();
        }

        File.WriteAllText(_bed.OutboxPath, "{ not json");
        _bed.Restart();
        Assert.NotNull(_bed.Outbox.QuarantinedTo);
        await _bed.AllFailAsync();

        Assert.Equal([AlertEventKind.ChainDark, AlertEventKind.ChainDark], _bed.Sent().Select(m => m.Kind));
        Assert.Equal(4, _bed.ReadAlertFile().Failures);
    }
}
