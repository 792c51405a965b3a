using Guard.Alerts;
using Guard.Alerts.Channels.OpenClaw;
using Guard.OpenClaw.Cli;

namespace Guard.Tests.Alerts.Channels.OpenClaw;

/// <summary>The stdout/stderr pairs below are what the real OpenClaw 2026.9.6 CLI printed (test-bed home, Node 26).</summary>
public sealed class OpenClawSendClassifierTests
{
    private const string ReasonFooter = "\n[openclaw] Debug: set OPENCLAW_DEBUG=1 to include the stack trace.\n[openclaw] Try: openclaw doctor\n[openclaw] Help: openclaw --help\n";

    public static TheoryData<string, string, string, OpenClawSendFailure, DeliveryOutcome> RealFailures() => new()
    {
        {
            "gateway stopped",
            Json("Gateway not reachable at ws://127.0.0.1:18799 (ECONNREFUSED).\\nStart it with `openclaw gateway run` or check `openclaw gateway status`.\\nGateway target: ws://127.0.0.1:18799\\nSource: local loopback\\nConfig: /tmp/h/.openclaw/openclaw.json\\nBind: loopback"),
            "Gateway not reachable at ws://127.0.0.1:18799 (ECONNREFUSED).\nStart it with `openclaw gateway run` or check `openclaw gateway status`.\n",
            OpenClawSendFailure.GatewayUnreachable, DeliveryOutcome.Transient
        },
        {
            "telegram not set up",
            Json("Error: Telegram bot token missing. Set TELEGRAM_BOT_TOKEN or channels.telegram.botToken."),
            "[openclaw] The CLI command failed.\n[openclaw] Reason: Error: Telegram bot token missing. Set TELEGRAM_BOT_TOKEN or channels.telegram.botToken." + ReasonFooter,
            OpenClawSendFailure.ChannelNotConnected, DeliveryOutcome.Permanent
        },
        {
            "feishu plugin not installed",
            Json("Channel is unavailable: feishu"),
            "[openclaw] The CLI command failed.\n[openclaw] Reason: Channel is unavailable: feishu" + ReasonFooter,
            OpenClawSendFailure.ChannelNotConnected, DeliveryOutcome.Permanent
        },
        {
            "unknown channel id",
            Json("Unknown channel \\\"nosuch\\\". Run `openclaw channels list --all` to see configured and installable channels."),
            "[openclaw] The CLI command failed.\n[openclaw] Reason: Unknown channel \"nosuch\"." + ReasonFooter,
            OpenClawSendFailure.ChannelNotConnected, DeliveryOutcome.Permanent
        },
        {
            "target in the wrong format",
            Json("Unknown target \\\"not a chat!\\\" for Telegram. Hint: <chatId>"),
            "[openclaw] The CLI command failed.\n[openclaw] Reason: Unknown target \"not a chat!\" for Telegram. Hint: <chatId>" + ReasonFooter,
            OpenClawSendFailure.BadTarget, DeliveryOutcome.Permanent
        },
        {
            "empty target",
            Json("Action send requires a target."),
            "[openclaw] The CLI command failed.\n[openclaw] Reason: Action send requires a target." + ReasonFooter,
            OpenClawSendFailure.BadTarget, DeliveryOutcome.Permanent
        },
        {
            "chat API unreachable from the gateway",
            Json("OutboundDeliveryError: Network request for 'sendMessage' failed!"),
            "[openclaw] The CLI command failed.\n[openclaw] Reason: OutboundDeliveryError: Network request for 'sendMessage' failed!" + ReasonFooter,
            OpenClawSendFailure.DeliveryFailed, DeliveryOutcome.Transient
        },
        {
            "no gateway token",
            Json("gateway message.action requires credentials before opening a websocket\\nFix: configure gateway.auth token/password, pair this device, or pass --token/--password.\\nConfig: /tmp/h/.openclaw/openclaw.json"),
            "gateway message.action requires credentials before opening a websocket\n",
            OpenClawSendFailure.GatewayAuth, DeliveryOutcome.Permanent
        },
        {
            "something new",
            Json("Something nobody has seen yet"),
            "[openclaw] The CLI command failed.\n[openclaw] Reason: Something nobody has seen yet" + ReasonFooter,
            OpenClawSendFailure.Unknown, DeliveryOutcome.Transient
        },
    };

    [Theory]
    [MemberData(nameof(RealFailures))]
    public void Cli_failures_are_classified_from_its_own_words(string because, string stdout, string stderr, OpenClawSendFailure failure, DeliveryOutcome outcome)
    {
        var verdict = OpenClawSendClassifier.Classify(new OpenClawCliResult(false, 1, stdout, "exited with 1", stderr), "telegram");

        Assert.True(failure == verdict.Failure, $"{because}: {verdict.Failure}");
        Assert.Equal(outcome, verdict.Result.Outcome);
        Assert.Equal(failure.ToString(), verdict.Result.ChannelCode);

        // Only the first line of the CLI's message, never its Fix:/Config: lines.
        Assert.DoesNotContain("\n", verdict.Result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Config:", verdict.Result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Stderr_alone_is_enough_when_stdout_has_no_json()
    {
        var verdict = OpenClawSendClassifier.Classify(
            new OpenClawCliResult(false, 1, "", "exited with 1", "[plugins] loaded 3\n[openclaw] Reason: Unknown target \"x\" for Telegram." + ReasonFooter), "telegram");

        Assert.Equal(OpenClawSendFailure.BadTarget, verdict.Failure);
        Assert.Contains("Unknown target", verdict.Result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_zero_is_delivered_unless_the_json_says_ok_false()
    {
        Assert.True(OpenClawSendClassifier.Classify(new OpenClawCliResult(true, 0, """{"action":"send","channel":"telegram","payload":{"messageId":"7"}}""", null), "telegram").Result.Ok);

        var partial = OpenClawSendClassifier.Classify(
            new OpenClawCliResult(true, 0, """{"ok":false,"deliveryStatus":"partial","error":"Network request for 'sendMessage' failed!"}""", null), "telegram");
        Assert.False(partial.Result.Ok);
        Assert.Equal(OpenClawSendFailure.DeliveryFailed, partial.Failure);
    }

    [Fact]
    public void A_killed_cli_is_a_timeout_and_a_missing_one_is_permanent()
    {
        var timedOut = OpenClawSendClassifier.Classify(OpenClawCliResult.Failed("did not finish within 30 s") with { TimedOut = true }, "feishu");
        Assert.Equal(OpenClawSendFailure.TimedOut, timedOut.Failure);
        Assert.Equal(DeliveryOutcome.Transient, timedOut.Result.Outcome);

        var missing = OpenClawSendClassifier.Classify(OpenClawCliResult.Failed("the openclaw CLI is not on PATH"), "feishu");
        Assert.Equal(OpenClawSendFailure.CliMissing, missing.Failure);
        Assert.Equal(DeliveryOutcome.Permanent, missing.Result.Outcome);
    }

    private static string Json(string message) =>
        $$"""
        {
          "ok": false,
          "error": {
            "type": "cli_error",
            "message": "{{message}}"
          }
        }
        """;
}
