using Guard.Configuration;
using Guard.OpenClaw.Cli;

namespace Guard.Alerts.Channels.OpenClaw;

/// <summary>
/// Sends through the owner's chat channel connected to OpenClaw: <c>openclaw message send --channel C --target T
/// --message M --json</c>, run by <see cref="OpenClawCli"/> (time limit, process tree killed, allow-listed environment;
/// no secret on argv — the CLI finds the gateway token in openclaw.json itself). The send only works while the gateway
/// lives, so when it fails — or the gateway is known to be down — the same attempt goes through the <c>Fallback</c>
/// channel: one outbox entry, one notice, whichever way it went; a retry starts again with OpenClaw.
/// </summary>
public sealed class OpenClawChannel : IAlertChannel
{
    private readonly AlertChannelContext _context;
    private readonly OpenClawCli _cli;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Func<string?> _gatewayDown;

    /// <summary><paramref name="gatewayDown"/> says why the gateway is known to be down right now, or null (then the CLI is tried first).</summary>
    public OpenClawChannel(AlertChannelContext context, OpenClawCli cli, IReadOnlyDictionary<string, string> environment,
        IAlertChannel? fallback, Func<string?>? gatewayDown = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(environment);
        if (string.IsNullOrWhiteSpace(context.Options.Channel) || string.IsNullOrWhiteSpace(context.Options.Target))
        {
            throw new ArgumentException("an OpenClaw channel needs Channel and Target", nameof(context));
        }

        _context = context;
        _cli = cli;
        _environment = environment;
        Fallback = fallback;
        _gatewayDown = gatewayDown ?? (() => null);
    }

    public string Name => _context.Name;

    public AlertChannelType Type => AlertChannelType.OpenClaw;

    public IAlertChannel? Fallback { get; }

    private string ChatChannel => _context.Options.Channel!.Trim();

    /// <summary>The argument list (the message is the owner's alert text; nothing secret goes on argv).</summary>
    public IReadOnlyList<string> Arguments(AlertMessage message) =>
        ["message", "send", "--channel", ChatChannel, "--target", _context.Options.Target!.Trim(), "--message", OpenClawChatText.Render(message), "--json"];

    public async Task<DeliveryResult> SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = _context.Time.GetTimestamp();
        OpenClawSendVerdict verdict;
        var knownDown = false;
        if (Fallback is not null && _gatewayDown() is { } why)
        {
            _context.Logger.GatewayKnownDown(message.Id, Name, why, Fallback.Name);
            verdict = new(new DeliveryResult(DeliveryOutcome.Transient, $"the OpenClaw gateway is down ({why})", ChannelCode: nameof(OpenClawSendFailure.GatewayUnreachable)),
                OpenClawSendFailure.GatewayUnreachable, why);
            knownDown = true;
        }
        else
        {
            verdict = await SendViaOpenClawAsync(message, cancellationToken).ConfigureAwait(false);
            ChannelResultLogger.Log(_context, message, $"openclaw:{ChatChannel}", verdict.Result, _context.Time.GetElapsedTime(started));
        }

        if (verdict.Result.Ok || Fallback is null)
        {
            return verdict.Result;
        }

        return await SendViaFallbackAsync(message, verdict, knownDown, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OpenClawSendVerdict> SendViaOpenClawAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        var run = await _cli.RunAsync(Arguments(message), cancellationToken, _environment, _context.Timeout).ConfigureAwait(false);
        var verdict = OpenClawSendClassifier.Classify(run, ChatChannel);
        return verdict with { Result = verdict.Result with { Detail = _context.Redactor.Redact(verdict.Result.Detail) } };
    }

    private async Task<DeliveryResult> SendViaFallbackAsync(AlertMessage message, OpenClawSendVerdict verdict, bool knownDown, CancellationToken cancellationToken)
    {
        var fallback = Fallback!;
        var failure = verdict.Failure ?? OpenClawSendFailure.Unknown;
        if (verdict.Result.Outcome == DeliveryOutcome.Permanent)
        {
            _context.Logger.Misconfigured(Name, failure, verdict.Result.Detail, fallback.Name);
        }
        else if (!knownDown)
        {
            _context.Logger.UsingFallback(message.Id, Name, ChatChannel, failure, verdict.Result.Detail, fallback.Name);
        }

        // The owner reads why this came by webhook and not in the chat (a misconfigured target would otherwise hide).
        var note = $"(经备用通道 via fallback: OpenClaw '{ChatChannel}' {Describe(failure)})";
        var viaFallback = message with { Text = $"{message.Text}\n{note}" };
        DeliveryResult result;
        try
        {
            result = await fallback.SendAsync(viaFallback, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = new DeliveryResult(DeliveryOutcome.Transient, $"fallback threw {e.GetType().Name}");
        }

        if (result.Ok)
        {
            _context.Logger.FallbackDelivered(message.Id, Name, fallback.Name);
            return new DeliveryResult(DeliveryOutcome.Delivered, $"via fallback {fallback.Name}; openclaw: {verdict.Result.Detail}");
        }

        _context.Logger.FallbackFailed(message.Id, Name, fallback.Name, result.Detail);

        // Retry while either way may still work; give up at once only when both said retrying cannot help.
        var outcome = verdict.Result.Outcome == DeliveryOutcome.Permanent && result.Outcome == DeliveryOutcome.Permanent
            ? DeliveryOutcome.Permanent
            : DeliveryOutcome.Transient;
        return new DeliveryResult(outcome, $"openclaw: {verdict.Result.Detail}; fallback {fallback.Name}: {result.Detail}",
            result.RetryAfter, result.HttpStatus, verdict.Result.ChannelCode);
    }

    private static string Describe(OpenClawSendFailure failure) => failure switch
    {
        OpenClawSendFailure.GatewayUnreachable => "网关不可达 gateway unreachable",
        OpenClawSendFailure.GatewayAuth => "网关拒绝 gateway refused the CLI",
        OpenClawSendFailure.ChannelNotConnected => "通道未连接 channel not connected",
        OpenClawSendFailure.BadTarget => "目标无效 bad target",
        OpenClawSendFailure.DeliveryFailed => "发送失败 delivery failed",
        OpenClawSendFailure.TimedOut => "超时 timed out",
        OpenClawSendFailure.CliMissing => "没有 openclaw CLI",
        _ => "发送失败 send failed",
    };
}
