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
}
