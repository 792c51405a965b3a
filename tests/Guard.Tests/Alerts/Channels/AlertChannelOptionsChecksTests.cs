using Guard.Configuration;

namespace Guard.Tests.Alerts.Channels;

public sealed class AlertChannelOptionsChecksTests
{
    [Theory]
    [InlineData(AlertChannelType.Feishu, AlertMessageFormat.Card, true)]
    [InlineData(AlertChannelType.Feishu, AlertMessageFormat.Text, true)]
    [InlineData(AlertChannelType.Feishu, AlertMessageFormat.Markdown, false)]
    [InlineData(AlertChannelType.DingTalk, AlertMessageFormat.Markdown, true)]
    [InlineData(AlertChannelType.DingTalk, AlertMessageFormat.Card, false)]
    [InlineData(AlertChannelType.WeCom, AlertMessageFormat.Text, true)]
    [InlineData(AlertChannelType.WeCom, AlertMessageFormat.Card, false)]
    [InlineData(AlertChannelType.Telegram, AlertMessageFormat.Text, false)]
    [InlineData(AlertChannelType.Webhook, AlertMessageFormat.Card, false)]
    public void Format_must_suit_the_channel_type(AlertChannelType type, AlertMessageFormat format, bool valid)
    {
        var problems = Check(new AlertChannelOptions { Name = "c", Type = type, Url = Url(type), Format = format, TokenEnv = "T", ChatId = "1" });

        Assert.Equal(valid, !problems.Any(p => p.Path.EndsWith(":Format", StringComparison.Ordinal)));
    }

    [Fact]
    public void Keyword_only_for_Feishu_and_DingTalk()
    {
        Assert.Empty(Check(new AlertChannelOptions { Name = "c", Type = AlertChannelType.DingTalk, Url = "https://oapi.dingtalk.com/robot/send?access_token=x", Keyword = "告警" }));
        Assert.Contains(Check(new AlertChannelOptions { Name = "c", Type = AlertChannelType.WeCom, Url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x", Keyword = "告警" }),
            p => p.Path.EndsWith(":Keyword", StringComparison.Ordinal));
    }

    [Fact]
    public void Feishu_url_must_be_the_v2_hook_and_is_never_echoed()
    {
        var problems = Check(new AlertChannelOptions { Name = "c", Type = AlertChannelType.Feishu, Url = "https://open.feishu.cn/open-apis/bot/hook/secret-token-123" });

        var problem = Assert.Single(problems);
        Assert.Equal("Guard:Alerts:Channels:0:Url", problem.Path);
        Assert.DoesNotContain("secret-token-123", problem.ToString(), StringComparison.Ordinal);
    }

    private static List<ConfigProblem> Check(AlertChannelOptions channel)
    {
        var options = new GuardOptions();
        options.Alerts.Channels.Add(channel);
        return GuardOptionsCrossFieldValidator.Check(options).Where(p => p.Path.StartsWith("Guard:Alerts", StringComparison.Ordinal)).ToList();
    }

    private static string Url(AlertChannelType type) => type == AlertChannelType.Feishu
        ? "https://open.feishu.cn/open-apis/bot/v2/hook/abc"
        : "https://example.com/hook";
}
