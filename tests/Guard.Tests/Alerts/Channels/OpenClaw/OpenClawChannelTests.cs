using Guard.Alerts;
using Guard.Alerts.Channels;
using Guard.Alerts.Channels.OpenClaw;
using Guard.Configuration;
using Guard.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.Tests.Alerts.Channels.OpenClaw;

/// <summary>The channel against a scripted <c>openclaw</c> process (real process, real time limit) and an in-memory fallback.</summary>
public sealed class OpenClawChannelTests : IDisposable
{
    private readonly ScriptedOpenClawCli _script = new();
    private readonly FakeAlertChannel _hook = new("hook", TimeProvider.System);

    [Fact]
    public async Task Sends_message_send_with_channel_target_and_json_in_a_scrubbed_environment()
    {
        var secretName = "GUARD_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(secretName, "sk-must-not-reach-the-cli");
        try
        {
            var result = await Channel(fallback: true).SendAsync(Message(), CancellationToken.None);

            Assert.True(result.Ok, result.Detail);
            Assert.Empty(_hook.Attempts);
            var argv = _script.Argv(0);
            Assert.Equal(["message", "send", "--channel", "telegram", "--target", "12345", "--message"], argv.Take(7));
            Assert.Equal("--json", argv[^1]);
            Assert.Contains(argv, a => a.StartsWith("🚨 模型链全部不可用 ChainDark", StringComparison.Ordinal));
            var env = _script.Environment(0);
            Assert.DoesNotContain(env, l => l.StartsWith(secretName, StringComparison.Ordinal));
            Assert.Contains(env, l => l.StartsWith("OPENCLAW_CONFIG_PATH=", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(secretName, null);
        }
    }

    [Fact]
    public async Task Gateway_unreachable_goes_through_the_fallback_once_and_says_why()
    {
        _script.Fail("Gateway not reachable at ws://127.0.0.1:18799 (ECONNREFUSED).");

        var result = await Channel(fallback: true).SendAsync(Message(), CancellationToken.None);

        Assert.True(result.Ok, result.Detail);
        Assert.Contains("via fallback hook", result.Detail, StringComparison.Ordinal);
        var sent = Assert.Single(_hook.Attempts);
        Assert.Contains("gateway unreachable", sent.Message.Text, StringComparison.Ordinal);
        Assert.Equal("abc123", sent.Message.Id);
    }

    [Fact]
    public async Task A_bad_target_still_reaches_the_owner_by_fallback_and_is_permanent_without_one()
    {
        _script.Fail("Unknown target \\\"x\\\" for Telegram. Hint: <chatId>");

        Assert.True((await Channel(fallback: true).SendAsync(Message(), CancellationToken.None)).Ok);
        Assert.Contains("bad target", Assert.Single(_hook.Attempts).Message.Text, StringComparison.Ordinal);

        var alone = await Channel(fallback: false).SendAsync(Message(), CancellationToken.None);
        Assert.Equal(DeliveryOutcome.Permanent, alone.Outcome);
        Assert.Equal(nameof(OpenClawSendFailure.BadTarget), alone.ChannelCode);
        Assert.Contains("Target is not a valid 'telegram' destination", alone.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_failing_is_transient_unless_both_are_permanent()
    {
        _script.Fail("Gateway not reachable at ws://127.0.0.1:18799 (ECONNREFUSED).");
        _hook.Respond = _ => new DeliveryResult(DeliveryOutcome.Transient, "HTTP 503", HttpStatus: 503);
        var transient = await Channel(fallback: true).SendAsync(Message(), CancellationToken.None);
        Assert.Equal(DeliveryOutcome.Transient, transient.Outcome);
        Assert.Contains("fallback hook: HTTP 503", transient.Detail, StringComparison.Ordinal);

        _script.Fail("Channel is unavailable: feishu");
        _hook.Respond = _ => new DeliveryResult(DeliveryOutcome.Permanent, "HTTP 404", HttpStatus: 404);
        Assert.Equal(DeliveryOutcome.Permanent, (await Channel(fallback: true).SendAsync(Message(), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task A_gateway_known_down_skips_the_cli()
    {
        var result = await Channel(fallback: true, gatewayDown: () => "unit openclaw-gateway.service is failed").SendAsync(Message(), CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal(0, _script.Calls);
        Assert.Single(_hook.Attempts);
    }

    [Fact]
    public async Task A_hung_cli_is_killed_at_the_timeout_and_the_fallback_used()
    {
        _script.SleepSeconds = 30;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await Channel(fallback: true, timeout: TimeSpan.FromSeconds(1)).SendAsync(Message(), CancellationToken.None);

        Assert.True(result.Ok, result.Detail);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Contains("timed out", Assert.Single(_hook.Attempts).Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_down_signal_reads_only_a_fresh_health_check()
    {
        var now = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        Assert.NotNull(GatewayDownSignal.Why(new() { Unit = "u", ActiveState = "failed", LastCheck = now.AddMinutes(-1) }, now));
        Assert.NotNull(GatewayDownSignal.Why(new() { ActiveState = "active", HealthUrlOk = false, ConsecutiveHealthFailures = 2, LastCheck = now }, now));
        Assert.Null(GatewayDownSignal.Why(new() { ActiveState = "failed", LastCheck = now.AddHours(-1) }, now));
        Assert.Null(GatewayDownSignal.Why(new() { ActiveState = "active", HealthUrlOk = true, LastCheck = now }, now));
        Assert.Null(GatewayDownSignal.Why(new(), now));
    }

    public void Dispose() => _script.Dispose();

    internal static AlertMessage Message() => OpenClawChatTextTests.Message(AlertEventKind.ChainDark, "🚨 模型链全部不可用 ChainDark",
        "google/gemini-3-flash: QuotaExhausted (HTTP 429), 重置 reset 2026-02-13 08:00 UTC\nID abc123");

    private OpenClawChannel Channel(bool fallback, Func<string?>? gatewayDown = null, TimeSpan? timeout = null)
    {
        var options = new AlertChannelOptions { Name = "chat", Type = AlertChannelType.OpenClaw, Channel = "telegram", Target = "12345", Fallback = fallback ? "hook" : null };
        var context = new AlertChannelContext
        {
            Options = options,
            Time = TimeProvider.System,
            Redactor = SecretRedactor.Default,
            Logger = NullLogger.Instance,
            Timeout = timeout ?? TimeSpan.FromSeconds(20),
        };
        var environment = new Dictionary<string, string> { ["OPENCLAW_CONFIG_PATH"] = "/nonexistent/openclaw.json" };
        return new OpenClawChannel(context, _script.Cli(), environment, fallback ? _hook : null, gatewayDown);
    }
}
