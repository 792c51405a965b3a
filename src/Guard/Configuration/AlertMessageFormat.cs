namespace Guard.Configuration;

/// <summary>How a chat channel renders a message: Feishu Text or Card; DingTalk and WeCom Text or Markdown.</summary>
public enum AlertMessageFormat
{
    Text,
    Card,
    Markdown,
}
