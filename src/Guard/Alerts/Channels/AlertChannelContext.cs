using Guard.Configuration;
using Guard.Logging;
using Microsoft.Extensions.Logging;

namespace Guard.Alerts.Channels;

/// <summary>Everything one channel needs, resolved once when the channel is built (secrets read from the environment).</summary>
public sealed class AlertChannelContext
{
    public required AlertChannelOptions Options { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>Already knows this channel's URL tokens, secret and bot token.</summary>
    public required SecretRedactor Redactor { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>The shared alert HttpClient (null for Command channels).</summary>
    public HttpClient? Http { get; init; }

    /// <summary>The endpoint: webhook URL, or the Telegram API base.</summary>
    public Uri? Url { get; init; }

    public string? Secret { get; init; }

    public string? Token { get; init; }

    public required TimeSpan Timeout { get; init; }

    public string Name => Options.Name;

    public AlertChannelType Type => Options.Type ?? AlertChannelType.Webhook;
}
