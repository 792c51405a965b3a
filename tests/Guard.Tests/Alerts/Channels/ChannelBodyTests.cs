using System.Text;
using System.Text.Json;
using Guard.Alerts;
using Guard.Alerts.Channels;
using Guard.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.Alerts.Channels;

public sealed class ChannelBodyTests
{
    private readonly FakeTimeProvider _time = new(ChannelTestData.Start);

    [Fact]
    public void Feishu_card_is_signed_with_top_level_timestamp_and_sign()
    {
        var channel = new FeishuChannel(ChannelTestData.Context(AlertChannelType.Feishu, _time, secret: "mysecret"));

        using var body = JsonDocument.Parse(channel.BuildBody(ChannelTestData.Message(), DateTimeOffset.FromUnixTimeSeconds(1700000000)));

        var root = body.RootElement;
        Assert.Equal("1700000000", root.GetProperty("timestamp").GetString());
        Assert.Equal("Jp33/xXhCipDEpjyHvEyc7mRSyXWHbNz6J8+C3qQKNo=", root.GetProperty("sign").GetString());
        Assert.Equal("interactive", root.GetProperty("msg_type").GetString());
        Assert.Equal("red", root.GetProperty("card").GetProperty("header").GetProperty("template").GetString());
    }

    [Theory]
    [InlineData(AlertSeverity.Critical, AlertStatus.Firing, "red")]
    [InlineData(AlertSeverity.Warning, AlertStatus.Firing, "orange")]
    [InlineData(AlertSeverity.Critical, AlertStatus.Resolved, "green")]
    [InlineData(AlertSeverity.Info, AlertStatus.Firing, "blue")]
    public void Feishu_header_colour_follows_severity_and_status(AlertSeverity severity, AlertStatus status, string colour)
    {
        Assert.Equal(colour, FeishuChannel.HeaderColour(ChannelTestData.Message(severity: severity, status: status)));
    }

    [Fact]
    public void Feishu_text_format_puts_the_keyword_first_and_has_no_sign_without_secret()
    {
        var channel = new FeishuChannel(ChannelTestData.Context(AlertChannelType.Feishu, _time, configure: o =>
        {
            o.Format = AlertMessageFormat.Text;
            o.Keyword = "告警";
        }));

        using var body = JsonDocument.Parse(channel.BuildBody(ChannelTestData.Message(), _time.GetUtcNow()));

        Assert.Equal("text", body.RootElement.GetProperty("msg_type").GetString());
        Assert.StartsWith("告警 🚨", body.RootElement.GetProperty("content").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(body.RootElement.TryGetProperty("sign", out _));
    }

    [Fact]
    public void Feishu_body_is_capped_at_20_KB_of_UTF8()
    {
        var channel = new FeishuChannel(ChannelTestData.Context(AlertChannelType.Feishu, _time, secret: "mysecret"));
        var huge = string.Concat(Enumerable.Repeat("模型链全部不可用 \"quoted\"\n", 3000));

        var body = channel.BuildBody(ChannelTestData.Message(text: huge), _time.GetUtcNow());

        Assert.InRange(body.Length, FeishuChannel.MaxBodyBytes - 200, FeishuChannel.MaxBodyBytes);
        using var json = JsonDocument.Parse(body);
        var markdown = json.RootElement.GetProperty("card").GetProperty("elements")[0].GetProperty("content").GetString()!;
        Assert.Matches(@"…\(\+\d+ more\)$", markdown);
    }

    [Fact]
    public void WeCom_caps_markdown_at_4096_and_text_at_2048_bytes_of_content()
    {
        var huge = string.Concat(Enumerable.Repeat("企业微信告警 ", 2000));
        var markdown = new WeComChannel(ChannelTestData.Context(AlertChannelType.WeCom, _time));
        var text = new WeComChannel(ChannelTestData.Context(AlertChannelType.WeCom, _time, configure: o => o.Format = AlertMessageFormat.Text));

        using var md = JsonDocument.Parse(markdown.BuildBody(ChannelTestData.Message(text: huge)));
        using var tx = JsonDocument.Parse(text.BuildBody(ChannelTestData.Message(text: huge)));

        Assert.InRange(Encoding.UTF8.GetByteCount(md.RootElement.GetProperty("markdown").GetProperty("content").GetString()!), 4000, 4096);
        Assert.InRange(Encoding.UTF8.GetByteCount(tx.RootElement.GetProperty("text").GetProperty("content").GetString()!), 1950, 2048);
    }

    [Fact]
    public void Telegram_escapes_html_and_stays_within_4096_characters()
    {
        var message = ChannelTestData.Message(text: string.Concat(Enumerable.Repeat("a<b> & c ", 1000)));

        var html = TelegramChannel.RenderHtml(message);

        Assert.True(html.Length <= TelegramChannel.MaxTextChars);
        Assert.StartsWith("<b>🚨 模型链全部不可用 ChainDark</b>\na&lt;b&gt; &amp; c", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b> ", html[3..], StringComparison.Ordinal);
        Assert.Matches(@"…\(\+\d+ more\)$", html);
    }

    [Fact]
    public void DingTalk_markdown_keeps_line_breaks_and_the_keyword()
    {
        var channel = new DingTalkChannel(ChannelTestData.Context(AlertChannelType.DingTalk, _time, configure: o => o.Keyword = "Guard"));

        using var body = JsonDocument.Parse(channel.BuildBody(ChannelTestData.Message(text: "line one\nline two")));

        var markdown = body.RootElement.GetProperty("markdown");
        Assert.Equal("Guard 🚨 模型链全部不可用 ChainDark", markdown.GetProperty("title").GetString());
        Assert.Equal("### Guard 🚨 模型链全部不可用 ChainDark\n\nline one  \nline two", markdown.GetProperty("text").GetString());
    }

    [Fact]
    public void DingTalk_request_url_is_signed_fresh_for_each_time()
    {
        var channel = new DingTalkChannel(ChannelTestData.Context(AlertChannelType.DingTalk, _time,
            url: "https://oapi.dingtalk.com/robot/send?access_token=abc", secret: "SEC0123456789abcdef"));

        var first = channel.RequestUrl(DateTimeOffset.FromUnixTimeMilliseconds(1700000000000));
        var second = channel.RequestUrl(DateTimeOffset.FromUnixTimeMilliseconds(1700000001000));

        Assert.Contains("sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D", first.AbsoluteUri, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.StartsWith("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000001000&sign=", second.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Test_messages_are_marked_even_when_the_title_is_not()
    {
        var message = ChannelTestData.Message(isTest: true);

        Assert.StartsWith("[TEST] ", AlertText.Title(message), StringComparison.Ordinal);
        Assert.Equal("[TEST] x", AlertText.Title(message with { Title = "[TEST] x" }));
    }
}
