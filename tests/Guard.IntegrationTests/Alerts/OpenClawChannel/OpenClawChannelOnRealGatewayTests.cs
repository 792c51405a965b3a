using Guard.Alerts;
using Guard.Alerts.AlertFile;
using Guard.Alerts.Channels;
using Guard.Alerts.Channels.OpenClaw;
using Guard.Alerts.Outbox;
using Guard.Alerts.Rendering;
using Guard.Configuration;
using Guard.IntegrationTests.Alerts.Emulators;
using Guard.IntegrationTests.RealOpenClaw;
using Guard.Logging;
using Guard.OpenClaw.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Guard.IntegrationTests.Alerts.OpenClawChannel;

/// <summary>
/// The OpenClaw channel driving the real <c>openclaw message send</c> of the test bed. No real chat service is
/// reachable offline, so what is proven is the CLI's own error path: a channel that is not connected, a target the
/// channel rejects, and a stopped gateway — each classified, and each reaching the owner through the fallback webhook (a
/// real Kestrel server on 127.0.0.1) exactly once, the last one through the real outbox and dispatcher.
/// </summary>
[Collection(RealOpenClawCollection.Name)]
public sealed class OpenClawChannelOnRealGatewayTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SendLimit = TimeSpan.FromSeconds(90);

    [OpenClawTheory]
    [InlineData("2026.9.6")]
    public async Task Cli_errors_are_classified_and_the_fallback_webhook_gets_one_notice_each(string version)
    {
        var installation = await OpenClawInstaller.EnsureAsync(OpenClawReleases.Named(version));
        await using var providers = await ScriptedModelProviders.StartAsync(OpenClawTestHome.ChainFor(installation.Release));
        using var home = await OpenClawTestHome.CreateAsync(installation, providers);

        // A Telegram account with a token that cannot work: enough for OpenClaw to parse and check targets offline.
        (await home.CliAsync(["channels", "add", "--channel", "telegram", "--token", "123456:guard-test-not-a-token"])).Ensure("openclaw channels add");
        await using var receiver = await WebhookReceiver.StartAsync();
        using var harness = new ChannelHarness(TimeProvider.System);
        var hook = harness.Create(new AlertChannelOptions { Name = "hook", Type = AlertChannelType.Webhook, Url = receiver.Url });

        await using (var gateway = await OpenClawGateway.StartAsync(home))
        {
            output.WriteLine($"gateway healthy in {gateway.StartupTime.TotalSeconds:F1} s");

            var notConnected = await Channel(home, hook, "discord", "channel:123").SendAsync(ChannelHarness.Message(DateTimeOffset.UtcNow) with { Id = "n1" }, CancellationToken.None);
            output.WriteLine($"not connected: {notConnected.Detail}");
            Assert.True(notConnected.Ok, notConnected.Detail);
            Assert.Contains("chat channel 'discord' is not connected", notConnected.Detail, StringComparison.Ordinal);
            Assert.Contains("通道未连接 channel not connected", Description(Assert.Single(receiver.Requests)), StringComparison.Ordinal);

            var badTarget = await Channel(home, null, "telegram", "not a chat!").SendAsync(ChannelHarness.Message(DateTimeOffset.UtcNow) with { Id = "n2" }, CancellationToken.None);
            output.WriteLine($"bad target: {badTarget.Detail}");
            Assert.Equal(DeliveryOutcome.Permanent, badTarget.Outcome);
            Assert.Equal(nameof(OpenClawSendFailure.BadTarget), badTarget.ChannelCode);
        }

        // The gateway is gone: the send fails with the CLI's "Gateway not reachable", and the outbox delivers once.
        using var data = new TempData();
        var options = new GuardOptions { DataDirectory = data.Path };
        options.Alerts.Channels =
        [
            new() { Name = "chat", Type = AlertChannelType.OpenClaw, Channel = "telegram", Target = "12345", Fallback = "hook", Timeout = SendLimit },
            new() { Name = "hook", Type = AlertChannelType.Webhook, Url = receiver.Url },
        ];
        var live = new LiveOptions(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance);
        var outbox = AlertOutbox.Open(AlertOutbox.PathIn(data.Path), TimeProvider.System, NullLogger<AlertOutbox>.Instance);
        var manager = new AlertManager(outbox, new AlertRenderer(SecretRedactor.Default),
            new AlertFileWriter(AlertFileWriter.PathIn(data.Path), NullLogger<AlertFileWriter>.Instance), live, TimeProvider.System, NullLogger<AlertManager>.Instance);
        var chat = Channel(home, hook, "telegram", "12345");
        var dispatcher = new AlertDispatcher(outbox, manager, new Channels([chat, hook]), live, SecretRedactor.Default, TimeProvider.System,
            NullLogger<AlertDispatcher>.Instance);

        manager.Raise(new AlertEvent
        {
            Kind = AlertEventKind.ChainDark, Severity = AlertSeverity.Critical, Fingerprint = "ChainDark|openclaw-gateway.service", At = DateTimeOffset.UtcNow,
            Lines = ["a/m1: QuotaExhausted (HTTP 429), 重置 reset 2026-12-04 00:00 UTC", "b/m2: Timeout"],
        });
        await dispatcher.DrainOnceAsync(CancellationToken.None);
        await dispatcher.DrainOnceAsync(CancellationToken.None);

        var entry = Assert.Single(outbox.Read(d => d.Entries.ToList()));
        output.WriteLine($"gateway down: {entry.State}, {entry.LastError}");
        Assert.Equal(OutboxEntryState.Delivered, entry.State);
        Assert.Equal(2, receiver.Requests.Count);
        var notice = Description(receiver.Requests[^1]) + receiver.Requests[^1].Json().GetProperty("alerts")[0].GetProperty("annotations").GetProperty("summary").GetString();
        Assert.Contains("ChainDark", notice, StringComparison.Ordinal);
        Assert.Contains("网关不可达 gateway unreachable", notice, StringComparison.Ordinal);
        Assert.Contains("a/m1: QuotaExhausted", notice, StringComparison.Ordinal);

        // And the classification itself, from the CLI as it printed it.
        var run = await Cli(home).RunAsync(chat.Arguments(ChannelHarness.Message(DateTimeOffset.UtcNow)), CancellationToken.None, CliEnvironment(home), SendLimit);
        output.WriteLine($"stdout: {run.Output}\nstderr: {run.ErrorOutput}");
        Assert.Equal(OpenClawSendFailure.GatewayUnreachable, OpenClawSendClassifier.Classify(run, "telegram").Failure);
    }

    private static string Description(RecordedRequest request) =>
        request.Json().GetProperty("alerts")[0].GetProperty("annotations").GetProperty("description").GetString() ?? "";

    private static Guard.Alerts.Channels.OpenClaw.OpenClawChannel Channel(OpenClawTestHome home, IAlertChannel? fallback, string chatChannel, string target)
    {
        var options = new AlertChannelOptions
        {
            Name = "chat", Type = AlertChannelType.OpenClaw, Channel = chatChannel, Target = target, Fallback = fallback?.Name, Timeout = SendLimit,
        };
        var context = new AlertChannelContext
        {
            Options = options,
            Time = TimeProvider.System,
            Redactor = SecretRedactor.Default,
            Logger = NullLogger.Instance,
            Timeout = SendLimit,
        };
        return new Guard.Alerts.Channels.OpenClaw.OpenClawChannel(context, Cli(home), CliEnvironment(home), fallback);
    }

    private static OpenClawCli Cli(OpenClawTestHome home) =>
        new(new OpenClawOptions { Cli = home.Installation.OpenClaw, ConfigPath = home.ConfigPath }, TimeProvider.System);

    // The home's PATH (Node 26 first) and HOME, as the service's own environment would carry them.
    private static Dictionary<string, string> CliEnvironment(OpenClawTestHome home) => home.Environment(new Dictionary<string, string>
    {
        ["OPENCLAW_CONFIG_PATH"] = home.ConfigPath,
        ["OPENCLAW_STATE_DIR"] = home.StateDirectory,
    });

    private sealed class Channels(IReadOnlyList<IAlertChannel> channels) : IAlertChannelFactory
    {
        public IReadOnlyList<IAlertChannel> Create(AlertsOptions options) => channels;
    }

    private sealed class TempData : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("guard-openclaw-channel-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
