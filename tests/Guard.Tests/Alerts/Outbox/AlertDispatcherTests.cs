using Guard.Alerts;
using Guard.Alerts.Outbox;

namespace Guard.Tests.Alerts.Outbox;

/// <summary>Outbox delivery on fake time: record before send, backoff, Retry-After, dead-letters, FIFO, restarts.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // file modes are part of what is tested
public sealed class AlertDispatcherTests : IDisposable
{
    private readonly AlertTestBed _bed = new("owner", "backup");

    public void Dispose() => _bed.Dispose();

    private static AlertEvent Event(string name, AlertSeverity severity = AlertSeverity.Warning, bool oneShot = false) => new()
    {
        Kind = AlertEventKind.GatewayUnhealthy,
        Severity = severity,
        Fingerprint = $"GatewayUnhealthy|{name}",
        At = AlertTestBed.Start,
        Detail = name,
        OneShot = oneShot,
    };

    private Task<int> DrainAsync() => _bed.Dispatcher.DrainOnceAsync(CancellationToken.None);

    private static DeliveryResult Transient(TimeSpan? retryAfter = null) => new(DeliveryOutcome.Transient, "HTTP 503 from test", retryAfter, 503);

    [Fact]
    public async Task Send_NotificationIsOnDiskAndPendingBeforeTheFirstAttempt_DeliveredOnDiskAfter()
    {
        var seenOnDisk = new List<OutboxEntryState?>();
        _bed.Channels["owner"].OnSend = message =>
        {
            var document = System.Text.Json.JsonSerializer.Deserialize(File.ReadAllBytes(_bed.OutboxPath), AlertsJsonContext.Default.OutboxDocument)!;
            seenOnDisk.Add(document.FindEntry(OutboxEntry.IdFor(message.Id, "owner"))?.State);
        };
        _bed.Manager.Raise(Event("a"));
        await DrainAsync();

        Assert.Equal([OutboxEntryState.Pending], seenOnDisk);
        var onDisk = AlertOutbox.Open(_bed.OutboxPath, _bed.Time, new Guard.Tests.State.RecordingLogger<AlertOutbox>());
        Assert.All(onDisk.Read(d => d.Entries.ToList()), e => Assert.Equal(OutboxEntryState.Delivered, e.State));
        Assert.Equal(2, onDisk.Read(d => d.Entries.Count));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_bed.OutboxPath));
    }

    [Fact]
    public async Task Transient_RetriedWithExponentialBackoff()
    {
        var failures = 3;
        _bed.Channels["owner"].Respond = _ => failures-- > 0 ? Transient() : DeliveryResult.Delivered;
        _bed.Manager.Raise(Event("a"));
        await DrainAsync();

        // Jitter pinned to the top of its range: 5 s, 10 s, 20 s.
        foreach (var step in new[] { 5, 10, 20 })
        {
            _bed.Time.Advance(TimeSpan.FromSeconds(step) - TimeSpan.FromMilliseconds(1));
            Assert.Equal(0, await DrainAsync());
            Assert.Equal(_bed.Time.GetUtcNow() + TimeSpan.FromMilliseconds(1), _bed.Dispatcher.NextWorkAt());
            _bed.Time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(1, await DrainAsync());
        }

        var attempts = _bed.Channels["owner"].Attempts.Select(a => a.At - AlertTestBed.Start).ToList();
        Assert.Equal([0, 5, 15, 35], attempts.Select(a => a.TotalSeconds));
        Assert.Single(_bed.Sent("owner"));
    }

    [Fact]
    public void Backoff_IsJitteredAndCapped()
    {
        Assert.Equal(TimeSpan.FromSeconds(2.5), RetryBackoff.Delay(1, null, 0));
        Assert.Equal(TimeSpan.FromSeconds(5), RetryBackoff.Delay(1, null, 1));
        Assert.Equal(TimeSpan.FromSeconds(15), RetryBackoff.Delay(3, null, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(10), RetryBackoff.Delay(30, null, 1));
        Assert.Equal(TimeSpan.FromMinutes(5), RetryBackoff.Delay(30, null, 0));
        Assert.Equal(TimeSpan.FromSeconds(42), RetryBackoff.Delay(7, TimeSpan.FromSeconds(42), 1));
        Assert.Equal(RetryBackoff.MaxRetryAfter, RetryBackoff.Delay(1, TimeSpan.FromDays(3), 1));
    }

    [Fact]
    public async Task Transient_WithRetryAfter_WaitsExactlyThatLong()
    {
        var first = true;
        _bed.Channels["owner"].Respond = _ =>
        {
            var result = first ? Transient(TimeSpan.FromSeconds(42)) : DeliveryResult.Delivered;
            first = false;
            return result;
        };
        _bed.Manager.Raise(Event("a"));
        await DrainAsync();
        _bed.Time.Advance(TimeSpan.FromSeconds(41));
        await DrainAsync();
        Assert.Single(_bed.Channels["owner"].Attempts);
        _bed.Time.Advance(TimeSpan.FromSeconds(1));
        await DrainAsync();
        Assert.Equal(TimeSpan.FromSeconds(42), _bed.Channels["owner"].Attempts.Last().At - AlertTestBed.Start);
        Assert.Single(_bed.Sent("owner"));
    }

    [Fact]
    public async Task Permanent_DeadLetteredAtOnce_ReportedThroughTheOtherChannelOnly_OncePerRepeatEvery()
    {
        _bed.Channels["owner"].Respond = m => m.Kind == AlertEventKind.ChannelFailed
            ? DeliveryResult.Delivered
            : new DeliveryResult(DeliveryOutcome.Permanent, "token invalid (19001)", HttpStatus: 200, ChannelCode: "19001");
        _bed.Manager.Raise(Event("a"));
        _bed.Manager.Raise(Event("b"));
        await DrainAsync();
        await DrainAsync();

        Assert.Equal(2, _bed.Channels["owner"].Attempts.Count);
        Assert.Empty(_bed.Sent("owner"));
        var backup = _bed.Sent("backup");
        Assert.Equal([AlertEventKind.GatewayUnhealthy, AlertEventKind.GatewayUnhealthy, AlertEventKind.ChannelFailed], backup.Select(m => m.Kind));
        var report = backup[2];
        Assert.Equal("📪 告警通道失败 ChannelFailed: owner", report.Title);
        Assert.Contains("code 19001", report.Text, StringComparison.Ordinal);
        Assert.All(_bed.Outbox.Read(d => d.Entries.Where(e => e.Channel == "owner").ToList()), e => Assert.Equal(OutboxEntryState.Dead, e.State));

        // Another loss after RepeatEvery is reported again.
        _bed.Time.Advance(_bed.Options.Alerts.RepeatEvery);
        _bed.Manager.Raise(Event("c"));
        await DrainAsync();
        Assert.Equal(2, _bed.Sent("backup").Count(m => m.Kind == AlertEventKind.ChannelFailed));
    }

    [Fact]
    public async Task Transient_UntilMaxAttempts_DeadLettered_ReportedButNeverRecursively()
    {
        _bed.Options.Alerts.MaxAttempts = 3;
        foreach (var channel in _bed.Channels.Values)
        {
            channel.Respond = _ => Transient();
        }

        _bed.Manager.Raise(Event("a"));
        for (var i = 0; i < 40; i++)
        {
            await DrainAsync();
            _bed.Time.Advance(TimeSpan.FromMinutes(1));
        }

        // 3 attempts for the alert on each channel, then each channel's ChannelFailed notice (3 attempts on the other), then nothing.
        Assert.Equal(6, _bed.Channels["owner"].Attempts.Count);
        Assert.Equal(6, _bed.Channels["backup"].Attempts.Count);
        var entries = _bed.Outbox.Read(d => d.Entries.Select(e => (e.Message.Kind, e.State, e.Attempts)).ToList());
        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.Equal((OutboxEntryState.Dead, 3), (e.State, e.Attempts)));
        Assert.Equal(2, entries.Count(e => e.Kind == AlertEventKind.ChannelFailed));
        Assert.Null(_bed.Dispatcher.NextWorkAt());
    }

    [Fact]
    public async Task PerChannel_StrictFifo_LaterNotificationNeverOvertakesAPendingOne()
    {
        var down = true;
        _bed.Channels["owner"].Respond = _ => down ? Transient() : DeliveryResult.Delivered;
        for (var i = 0; i < 5; i++)
        {
            _bed.Manager.Raise(Event($"n{i}"));
            _bed.Time.Advance(TimeSpan.FromSeconds(1));
            await DrainAsync();
        }

        // Only the head was tried while failing; the healthy channel got all five in order.
        Assert.All(_bed.Channels["owner"].Attempts, a => Assert.Equal("n0", ExtractName(a.Message)));
        Assert.Equal(["n0", "n1", "n2", "n3", "n4"], _bed.Sent("backup").Select(ExtractName));

        down = false;
        _bed.Time.Advance(TimeSpan.FromMinutes(10));
        await DrainAsync();
        Assert.Equal(["n0", "n1", "n2", "n3", "n4"], _bed.Sent("owner").Select(ExtractName));
    }

    [Fact]
    public async Task Restart_ResumesPendingDeliveries_AndNeverResendsDeliveredOnes()
    {
        _bed.Channels["owner"].Respond = _ => Transient();
        _bed.Manager.Raise(Event("a"));
        _bed.Manager.Raise(Event("b", oneShot: true));
        await DrainAsync();
        Assert.Equal(2, _bed.Sent("backup").Count);

        _bed.Restart();
        _bed.Channels["owner"].Respond = _ => DeliveryResult.Delivered;
        _bed.Time.Advance(TimeSpan.FromMinutes(1));
        await DrainAsync();
        Assert.Equal(["a", "b"], _bed.Sent("owner").Select(ExtractName));

        _bed.Restart();
        _bed.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await DrainAsync());
        _bed.Manager.Raise(Event("a")); // still firing after the restart: a no-op
        Assert.Equal(0, await DrainAsync());
        Assert.Equal(2, _bed.Sent("owner").Count);
        Assert.Equal(2, _bed.Sent("backup").Count);
    }

    [Fact]
    public async Task DeliveredIds_RememberedAfterPruning_SameNotificationIsRefused()
    {
        _bed.Manager.Raise(Event("a", oneShot: true));
        await DrainAsync();
        _bed.Time.Advance(AlertOutbox.DeliveredRetention + TimeSpan.FromMinutes(1));
        _bed.Manager.Raise(Event("other", oneShot: true)); // a write prunes
        await DrainAsync();
        Assert.Equal(2, _bed.Outbox.Read(d => d.DeliveredIds.Count));

        _bed.Restart();
        _bed.Manager.Raise(Event("a", oneShot: true)); // same fingerprint and time: same id
        await DrainAsync();
        Assert.Equal(["a", "other"], _bed.Sent("owner").Select(ExtractName));
    }

    [Fact]
    public async Task CorruptOutbox_QuarantinedLoudly_FreshOutboxWorks()
    {
        File.WriteAllText(_bed.OutboxPath, "{\"entries\": [ {\"id\": ");
        _bed.Restart();

        Assert.NotNull(_bed.Outbox.QuarantinedTo);
        Assert.True(File.Exists(_bed.Outbox.QuarantinedTo));
        Assert.StartsWith(_bed.OutboxPath + ".corrupt-", _bed.Outbox.QuarantinedTo, StringComparison.Ordinal);
        Assert.Contains(_bed.OutboxLog.Entries, e => e.Id.Id == 4051 && e.Level == Microsoft.Extensions.Logging.LogLevel.Error);

        _bed.Manager.Raise(Event("a"));
        await DrainAsync();
        Assert.Single(_bed.Sent("owner"));
    }

    [Fact]
    public async Task UnknownChannel_EntriesKeptPending_NotDeadLettered()
    {
        _bed.Manager.Raise(Event("a"));
        _bed.Options.Alerts.Channels.RemoveAll(c => c.Name == "owner");
        _bed.Channels.Remove("owner");
        _bed.Restart();
        await DrainAsync();
        var owner = _bed.Outbox.Read(d => d.Entries.Single(e => e.Channel == "owner").State);
        Assert.Equal(OutboxEntryState.Pending, owner);
        Assert.Null(_bed.Dispatcher.NextWorkAt());
    }

    private static string ExtractName(AlertMessage message) => message.Text.Split('\n')[0];
}
