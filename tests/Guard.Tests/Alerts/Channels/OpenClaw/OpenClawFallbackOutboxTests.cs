using Guard.Alerts;
using Guard.Alerts.AlertFile;
using Guard.Alerts.Channels;
using Guard.Alerts.Channels.OpenClaw;
using Guard.Alerts.Outbox;
using Guard.Alerts.Rendering;
using Guard.Configuration;
using Guard.Logging;
using Guard.Tests.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.Tests.Alerts.Channels.OpenClaw;

/// <summary>The OpenClaw channel and its fallback through the real outbox and dispatcher: one entry, one notice.</summary>
public sealed class OpenClawFallbackOutboxTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ScriptedOpenClawCli _script = new();
    private readonly FakeAlertChannel _hook = new("hook", TimeProvider.System);
    private readonly GuardOptions _options;

    public OpenClawFallbackOutboxTests()
    {
        _options = new GuardOptions { DataDirectory = _dir.Path };
        _options.Alerts.Channels =
        [
            new() { Name = "chat", Type = AlertChannelType.OpenClaw, Channel = "telegram", Target = "12345", Fallback = "hook" },
            new() { Name = "hook", Type = AlertChannelType.Webhook, Url = "http://127.0.0.1:9/" },
        ];
    }

    [Fact]
    public void A_fallback_channel_gets_no_notices_of_its_own()
    {
        Assert.Equal(["chat"], AlertManager.ChannelNames(_options.Alerts));
    }

    [Fact]
    public async Task Gateway_down_means_exactly_one_notice_on_the_fallback_and_retries_do_not_repeat_it()
    {
        _script.Fail("Gateway not reachable at ws://127.0.0.1:18799 (ECONNREFUSED).");
        _hook.Respond = _ => _hook.Attempts.IsEmpty ? new DeliveryResult(DeliveryOutcome.Transient, "HTTP 502", HttpStatus: 502) : DeliveryResult.Delivered;
        var (outbox, manager, dispatcher) = Build();

        manager.Raise(new AlertEvent { Kind = AlertEventKind.ChainDark, Severity = AlertSeverity.Critical, Fingerprint = "ChainDark|gw", At = DateTimeOffset.UtcNow, Lines = ["a/b: Timeout"] });
        Assert.Single(outbox.Read(d => d.Entries.ToList()));

        await dispatcher.DrainOnceAsync(CancellationToken.None);                    // chat fails, fallback 502: retry later
        Assert.Equal(OutboxEntryState.Pending, outbox.Read(d => d.Entries[0].State));
        outbox.Commit(d => d.Entries[0].NextAttemptAt = DateTimeOffset.UtcNow.AddSeconds(-1));
        await dispatcher.DrainOnceAsync(CancellationToken.None);                    // chat fails again, fallback delivers
        await dispatcher.DrainOnceAsync(CancellationToken.None);                    // nothing left

        Assert.Single(_hook.Delivered);
        Assert.Equal(2, _script.Calls);
        var entry = Assert.Single(outbox.Read(d => d.Entries.ToList()));
        Assert.Equal(OutboxEntryState.Delivered, entry.State);
        Assert.Equal("chat", entry.Channel);
    }

    [Fact]
    public async Task Quota_alerts_reach_the_chat_with_the_reset_time()
    {
        var (_, manager, dispatcher) = Build();
        var reset = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero);

        manager.Raise(new AlertEvent
        {
            Kind = AlertEventKind.QuotaCritical, Severity = AlertSeverity.Critical, Fingerprint = "QuotaCritical|a/m1", At = DateTimeOffset.UtcNow,
            Model = "a/m1", Detail = "96 % of 1000000 tokens used", RetryAt = reset,
        });
        await dispatcher.DrainOnceAsync(CancellationToken.None);

        Assert.Empty(_hook.Attempts);
        var message = _script.Argv(0)[_script.Argv(0).ToList().IndexOf("--message") + 1];
        Assert.StartsWith("🚨 额度即将用完 QuotaCritical: a/m1", message, StringComparison.Ordinal);
        Assert.Contains("96 % of 1000000 tokens used", message, StringComparison.Ordinal);
        Assert.Contains("重置 reset: 2026-12-04 00:00", message, StringComparison.Ordinal);
        Assert.Contains("CriticalCommand", message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _script.Dispose();
        _dir.Dispose();
    }

    private (AlertOutbox Outbox, AlertManager Manager, AlertDispatcher Dispatcher) Build()
    {
        var live = new LiveOptions(_options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        var outbox = AlertOutbox.Open(AlertOutbox.PathIn(_dir.Path), TimeProvider.System, NullLogger<AlertOutbox>.Instance);
        var manager = new AlertManager(outbox, new AlertRenderer(SecretRedactor.Default),
            new AlertFileWriter(AlertFileWriter.PathIn(_dir.Path), NullLogger<AlertFileWriter>.Instance), live, TimeProvider.System, NullLogger<AlertManager>.Instance);
        var context = new AlertChannelContext
        {
            Options = _options.Alerts.Channels[0],
            Time = TimeProvider.System,
            Redactor = SecretRedactor.Default,
            Logger = NullLogger.Instance,
            Timeout = TimeSpan.FromSeconds(20),
        };
        var chat = new OpenClawChannel(context, _script.Cli(), new Dictionary<string, string>(), _hook);
        var dispatcher = new AlertDispatcher(outbox, manager, new Factory([chat, _hook]), live, SecretRedactor.Default, TimeProvider.System,
            NullLogger<AlertDispatcher>.Instance) { Jitter = () => 0 };
        return (outbox, manager, dispatcher);
    }

    private sealed class Factory(IReadOnlyList<IAlertChannel> channels) : IAlertChannelFactory
    {
        public IReadOnlyList<IAlertChannel> Create(AlertsOptions options) => channels;
    }
}
