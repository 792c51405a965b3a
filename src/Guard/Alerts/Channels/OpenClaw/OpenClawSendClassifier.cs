using System.Text.Json.Nodes;
using Guard.OpenClaw.Cli;

namespace Guard.Alerts.Channels.OpenClaw;

/// <summary>
/// Reads what <c>openclaw message send --json</c> (2026.9.x) printed. A failure exits non-zero with
/// <c>{"ok":false,"error":{"type":"cli_error","message":"…"}}</c> on stdout and the same reason on stderr
/// (<c>[openclaw] Reason: …</c>, or the bare text for "Gateway not reachable …"). The phrases below are the ones the real
/// CLI printed against a test-bed gateway; anything unrecognised is Transient so an alert is never dropped on a guess.
/// </summary>
public static class OpenClawSendClassifier
{
    private const int MaxDetailChars = 240;

    private static readonly (OpenClawSendFailure Failure, string[] Phrases)[] Rules =
    [
        (OpenClawSendFailure.GatewayUnreachable, ["gateway not reachable", "econnrefused", "gateway closed", "gateway is not running", "connect econn", "socket hang up"]),
        (OpenClawSendFailure.GatewayAuth, ["requires credentials", "pairing required", "gateway token mismatch", "device token"]),
        (OpenClawSendFailure.BadTarget, ["unknown target", "requires a target", "chat not found", "invalid target", "target is required"]),
        (OpenClawSendFailure.ChannelNotConnected, ["channel is unavailable", "unknown channel", "channel is required", "no configured channels", "token missing", "not configured", "not connected", "not linked"]),
        (OpenClawSendFailure.DeliveryFailed, ["outbounddeliveryerror", "network request", "deliverystatus"]),
    ];

    public static OpenClawSendVerdict Classify(OpenClawCliResult run, string channel)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (ok, message) = ReadJson(run.Output);
        if (run.Succeeded && ok != false)
        {
            return OpenClawSendVerdict.Delivered;
        }

        if (run.TimedOut)
        {
            return Verdict(OpenClawSendFailure.TimedOut, run.Problem ?? "the openclaw CLI timed out", channel);
        }

        if (run.ExitCode is null && !run.Succeeded && string.IsNullOrEmpty(run.ErrorOutput) && string.IsNullOrEmpty(run.Output))
        {
            // Never started: not on PATH or not executable.
            return Verdict(OpenClawSendFailure.CliMissing, run.Problem ?? "the openclaw CLI could not be run", channel);
        }

        var said = message ?? Reason(run.ErrorOutput) ?? run.Problem ?? $"openclaw exited with {run.ExitCode}";
        var failure = Match(said) ?? Match(run.ErrorOutput) ?? OpenClawSendFailure.Unknown;
        return Verdict(failure, said, channel);
    }

    /// <summary>The failure kind whose phrase appears in <paramref name="text"/>, first rule first.</summary>
    public static OpenClawSendFailure? Match(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        foreach (var (failure, phrases) in Rules)
        {
            if (phrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)))
            {
                return failure;
            }
        }

        return null;
    }

    private static OpenClawSendVerdict Verdict(OpenClawSendFailure failure, string said, string channel)
    {
        var cli = Shorten(said);
        var (outcome, advice) = failure switch
        {
            OpenClawSendFailure.GatewayUnreachable => (DeliveryOutcome.Transient, "the OpenClaw gateway is not reachable"),
            OpenClawSendFailure.GatewayAuth => (DeliveryOutcome.Permanent, "the gateway refused the openclaw CLI: check gateway.auth in openclaw.json"),
            OpenClawSendFailure.ChannelNotConnected => (DeliveryOutcome.Permanent,
                $"chat channel '{channel}' is not connected in OpenClaw: check Channel, `openclaw channels list`, `openclaw channels add --channel {channel}`"),
            OpenClawSendFailure.BadTarget => (DeliveryOutcome.Permanent, $"Target is not a valid '{channel}' destination (see OpenClaw's docs/cli/message.md for its format)"),
            OpenClawSendFailure.DeliveryFailed => (DeliveryOutcome.Transient, $"the gateway could not deliver to '{channel}'"),
            OpenClawSendFailure.TimedOut => (DeliveryOutcome.Transient, "the openclaw CLI did not finish in time"),
            OpenClawSendFailure.CliMissing => (DeliveryOutcome.Permanent, "the openclaw CLI is not available: set Guard:OpenClaw:Cli"),
            _ => (DeliveryOutcome.Transient, "openclaw message send failed"),
        };
        return new(new DeliveryResult(outcome, $"{advice} ({cli})", ChannelCode: failure.ToString()), failure, cli);
    }

    /// <summary>The JSON's <c>ok</c> and error message, when stdout holds the CLI's JSON.</summary>
    private static (bool? Ok, string? Message) ReadJson(string output)
    {
        var (parsed, node) = OpenClawCli.ParseJson(output ?? "");
        if (!parsed || node is not JsonObject root)
        {
            return (null, null);
        }

        bool? ok = root["ok"] is JsonValue okValue && okValue.TryGetValue<bool>(out var b) ? b : null;
        var error = root["error"];
        var message = error switch
        {
            JsonObject o when o["message"] is JsonValue m && m.TryGetValue<string>(out var text) => text,
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            _ => null,
        };
        if (message is null && root["deliveryStatus"] is JsonValue status && status.TryGetValue<string>(out var s) && ok == false)
        {
            message = $"deliveryStatus {s}";
        }

        return (ok ?? (error is null ? null : false), message);
    }

    /// <summary>"[openclaw] Reason: …" when present, else the first non-empty stderr line.</summary>
    private static string? Reason(string stderr)
    {
        var lines = (stderr ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        const string marker = "[openclaw] Reason:";
        var reason = lines.FirstOrDefault(l => l.StartsWith(marker, StringComparison.Ordinal));
        return reason is not null ? reason[marker.Length..].Trim() : lines.FirstOrDefault(l => !l.StartsWith("[plugins]", StringComparison.Ordinal));
    }

    // The CLI's messages run over several lines (Fix:, Config: …): the first says what happened.
    private static string Shorten(string text)
    {
        var first = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? text;
        return first.Length > MaxDetailChars ? first[..MaxDetailChars] + "…" : first;
    }
}
