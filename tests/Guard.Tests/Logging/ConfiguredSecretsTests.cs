using Guard.Configuration;
using Guard.Logging;

namespace Guard.Tests.Logging;

public class ConfiguredSecretsTests
{
    private static readonly Dictionary<string, string> Env = new()
    {
        ["ZHIPU_KEY_CANARY"] = "CANARYzhipuKEY0001",
        ["GEMINI_API_KEY"] = "CANARYgeminiDEFAULT02",
        ["FEISHU_SECRET"] = "CANARYfeishuSECRET03",
        ["TG_TOKEN"] = "987654321:CANARYtelegramTOKEN04xxxxxxxxxxxx",
        ["WECOM_URL"] = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=CANARYwecomKEY05",
        ["SHORT"] = "abc",
    };

    [Fact]
    public void FromOptions_CollectsEveryConfiguredSecretValue()
    {
        var options = new GuardOptions
        {
            Models =
            [
                new ModelOptions { Id = "zhipu/glm-4.7", ApiKeyEnv = "ZHIPU_KEY_CANARY" },
                new ModelOptions { Id = "google/gemini-3-flash-preview" }, // provider default GEMINI_API_KEY
                new ModelOptions { Id = "custom/m", ApiKeyEnv = "SHORT", Headers = { ["X-Custom-Auth"] = "CANARYinlineHEADER06" } },
            ],
            Alerts = new AlertsOptions
            {
                Channels =
                [
                    new AlertChannelOptions { Name = "f", Type = AlertChannelType.Feishu, Url = "https://open.feishu.cn/open-apis/bot/v2/hook/CANARYfeishuHOOK07", SecretEnv = "FEISHU_SECRET" },
                    new AlertChannelOptions { Name = "t", Type = AlertChannelType.Telegram, TokenEnv = "TG_TOKEN", ChatId = "12345" },
                    new AlertChannelOptions { Name = "w", Type = AlertChannelType.WeCom, UrlEnv = "WECOM_URL" },
                ],
            },
        };

        var redactor = SecretRedactor.FromOptions(options, name => Env.GetValueOrDefault(name));

        var text = string.Join(' ', Env.Values) + " CANARYinlineHEADER06 CANARYfeishuHOOK07";
        var redacted = redactor.Redact(text);
        Assert.DoesNotContain("CANARY", redacted, StringComparison.Ordinal);
        Assert.Contains("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***", redacted, StringComparison.Ordinal);
        Assert.EndsWith(" abc *** ***", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void UrlTokens_KeepsHostAndPublicParameters()
    {
        var tokens = ConfiguredSecrets.UrlTokens("https://user:p4ssw0rdXYZ@hooks.example.com/webhooks/CANARYgenericPATH?timestamp=1&sig=CANARYsig").ToList();

        Assert.Contains("p4ssw0rdXYZ", tokens);
        Assert.Contains("CANARYgenericPATH", tokens);
        Assert.Contains("CANARYsig", tokens);
        Assert.DoesNotContain("1", tokens);
        Assert.DoesNotContain(tokens, t => t.Contains("hooks.example.com", StringComparison.Ordinal));
    }
}
