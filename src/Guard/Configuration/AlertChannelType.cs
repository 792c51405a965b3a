namespace Guard.Configuration;

/// <summary>Out-of-band alert channels.</summary>
public enum AlertChannelType
{
    Feishu,
    DingTalk,
    WeCom,
    Telegram,
    Webhook,
    Command,

    /// <summary>Through the owner's chat channel connected to OpenClaw (<c>openclaw message send</c>).</summary>
    OpenClaw,
}
