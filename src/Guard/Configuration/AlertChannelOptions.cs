using System.ComponentModel.DataAnnotations;

namespace Guard.Configuration;

/// <summary>One entry of <c>Guard:Alerts:Channels</c>.</summary>
public sealed class AlertChannelOptions
{
    [Required]
    [RegularExpression("^[A-Za-z0-9_-]+$", ErrorMessage = "The field {0} must be letters, digits, '-' or '_'")]
    public string Name { get; set; } = "";

    [Required]
    public AlertChannelType? Type { get; set; }

    /// <summary>Webhook URL. It is a credential: prefer UrlEnv.</summary>
    public string? Url { get; set; }

    /// <summary>Environment variable holding the webhook URL.</summary>
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$", ErrorMessage = "The field {0} must be an environment variable name")]
    public string? UrlEnv { get; set; }

    /// <summary>Environment variable holding the signing secret (Feishu, DingTalk, webhook HMAC).</summary>
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$", ErrorMessage = "The field {0} must be an environment variable name")]
    public string? SecretEnv { get; set; }

    /// <summary>Environment variable holding a bot token (Telegram).</summary>
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]*$", ErrorMessage = "The field {0} must be an environment variable name")]
    public string? TokenEnv { get; set; }

    /// <summary>Telegram chat id.</summary>
    public string? ChatId { get; set; }

    /// <summary>OpenClaw channel: the chat channel kind OpenClaw sends through (feishu, telegram, whatsapp, discord, …).</summary>
    [RegularExpression("^[A-Za-z0-9_-]+$", ErrorMessage = "The field {0} must be an OpenClaw channel id such as feishu or telegram")]
    public string? Channel { get; set; }

    /// <summary>OpenClaw channel: the chat, user or group to send to, in the channel's own target format.</summary>
    public string? Target { get; set; }

    /// <summary>OpenClaw channel: name of an HTTP channel used when the OpenClaw send fails or the gateway is down.</summary>
    public string? Fallback { get; set; }

    /// <summary>Program run by a Command channel (absolute path or on PATH).</summary>
    public string? Command { get; set; }

    public List<string> Arguments { get; set; } = [];

    /// <summary>Feishu: Text or Card (default Card); DingTalk, WeCom: Text or Markdown (default Markdown).</summary>
    public AlertMessageFormat? Format { get; set; }

    /// <summary>Security keyword of a Feishu/DingTalk bot; put at the start of every message.</summary>
    [StringLength(64, MinimumLength = 1)]
    public string? Keyword { get; set; }

    /// <summary>Guard's own per-minute send limit for this channel; unset = a default below the provider's limit.</summary>
    [Range(1, 600)]
    public int? MaxPerMinute { get; set; }

    /// <summary>Per-attempt timeout; unset = 10 s for HTTP channels, 30 s for Command and OpenClaw.</summary>
    [TimeSpanRange("00:00:01", "00:05:00")]
    public TimeSpan? Timeout { get; set; }
}
