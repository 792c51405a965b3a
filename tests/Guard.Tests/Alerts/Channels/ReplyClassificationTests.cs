using Guard.Alerts;
using Guard.Alerts.Channels;

namespace Guard.Tests.Alerts.Channels;

/// <summary>Response-code tables: replies as captured on the wire (reference/alert-channels.md) → outcome and hint.</summary>
public sealed class ReplyClassificationTests
{
    [Theory]
    [InlineData(200, """{"StatusCode":0,"StatusMessage":"success","code":0,"data":{},"msg":"success"}""", DeliveryOutcome.Delivered, "0", null)]
    [InlineData(200, """{"Extra":null,"StatusCode":0,"StatusMessage":"success"}""", DeliveryOutcome.Delivered, "0", null)]
    [InlineData(200, """{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}""", DeliveryOutcome.Permanent, "19021", "signature rejected: check SecretEnv and the clock (NTP)")]
    [InlineData(200, """{"code":11232,"msg":"frequency limited psm[lark.oapi.app_platform_runtime]appID[1500]"}""", DeliveryOutcome.Transient, "11232", "rate limit")]
    [InlineData(200, """{"code":9499,"msg":"frequency limited psm[lark.oapi.app_platform_runtime]"}""", DeliveryOutcome.Transient, "9499", "rate limit")]
    [InlineData(200, """{"code":99991400,"msg":"too many request"}""", DeliveryOutcome.Transient, "99991400", "rate limit")]
    [InlineData(200, """{"code":19024,"msg":"Key Words Not Found"}""", DeliveryOutcome.Permanent, "19024", "set Keyword")]
    [InlineData(200, """{"code":19001,"msg":"param invalid: incoming webhook access token invalid"}""", DeliveryOutcome.Permanent, "19001", "token invalid")]
    [InlineData(200, """{"code":19022,"msg":"Ip Not Allowed"}""", DeliveryOutcome.Permanent, "19022", "allow-list")]
    [InlineData(200, """{"code":9499,"msg":"Bad Request"}""", DeliveryOutcome.Permanent, "9499", "bad request")]
    [InlineData(502, "<html>bad gateway</html>", DeliveryOutcome.Transient, null, "HTTP 502")]
    [InlineData(404, "not found", DeliveryOutcome.Permanent, null, "HTTP 404")]
    [InlineData(200, "<html>captive portal</html>", DeliveryOutcome.Permanent, null, "unexpected reply")]
    public void Feishu(int status, string body, DeliveryOutcome outcome, string? code, string? detail)
    {
        var result = FeishuReplyClassifier.Classify(new HttpReply(status, body));

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(code, result.ChannelCode);
        AssertDetail(detail, result);
    }

    [Theory]
    [InlineData("""{"errcode":0,"errmsg":"ok"}""", DeliveryOutcome.Delivered, null)]
    [InlineData("""{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}""", DeliveryOutcome.Transient, "rate limit")]
    [InlineData("""{"errcode":310000,"errmsg":"sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]"}""", DeliveryOutcome.Permanent, "check SecretEnv")]
    [InlineData("""{"errcode":310000,"errmsg":"invalid timestamp"}""", DeliveryOutcome.Permanent, "clock (NTP)")]
    [InlineData("""{"errcode":310000,"errmsg":"keywords not in content"}""", DeliveryOutcome.Permanent, "set Keyword")]
    [InlineData("""{"errcode":300001,"errmsg":"token is not exist"}""", DeliveryOutcome.Permanent, "access_token")]
    public void DingTalk(string body, DeliveryOutcome outcome, string? detail)
    {
        var result = DingTalkReplyClassifier.Classify(new HttpReply(200, body));

        Assert.Equal(outcome, result.Outcome);
        AssertDetail(detail, result);
        if (body.Contains("130101", StringComparison.Ordinal))
        {
            Assert.Equal(TimeSpan.FromSeconds(60), result.RetryAfter);
        }
    }

    [Theory]
    [InlineData("""{"errcode":0,"errmsg":"ok"}""", DeliveryOutcome.Delivered, null)]
    [InlineData("""{"errcode":45009,"errmsg":"api freq out of limit"}""", DeliveryOutcome.Transient, "rate limit")]
    [InlineData("""{"errcode":93000,"errmsg":"invalid webhook url, hint: [1656] from ip: 1.2.3.4"}""", DeliveryOutcome.Permanent, "invalid webhook URL")]
    [InlineData("""{"errcode":40058,"errmsg":"markdown.content exceed max length 4096"}""", DeliveryOutcome.Permanent, "too long")]
    public void WeCom(string body, DeliveryOutcome outcome, string? detail)
    {
        var result = WeComReplyClassifier.Classify(new HttpReply(200, body));

        Assert.Equal(outcome, result.Outcome);
        AssertDetail(detail, result);
    }

    [Theory]
    [InlineData(200, """{"ok":true,"result":{"message_id":7}}""", DeliveryOutcome.Delivered, null)]
    [InlineData(429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}""", DeliveryOutcome.Transient, "flood control")]
    [InlineData(400, """{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}""", DeliveryOutcome.Permanent, "chat not found: check ChatId")]
    [InlineData(403, """{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}""", DeliveryOutcome.Permanent, "blocked")]
    [InlineData(401, """{"ok":false,"error_code":401,"description":"Unauthorized"}""", DeliveryOutcome.Permanent, "check TokenEnv")]
    [InlineData(400, """{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1001234}}""", DeliveryOutcome.Permanent, "set ChatId to -1001234")]
    [InlineData(502, "Bad Gateway", DeliveryOutcome.Transient, "Telegram error")]
    public void Telegram(int status, string body, DeliveryOutcome outcome, string? detail)
    {
        var result = TelegramReplyClassifier.Classify(new HttpReply(status, body));

        Assert.Equal(outcome, result.Outcome);
        AssertDetail(detail, result);
        if (status == 429)
        {
            Assert.Equal(TimeSpan.FromSeconds(5), result.RetryAfter);
        }
    }

    [Theory]
    [InlineData(429, DeliveryOutcome.Transient)]
    [InlineData(500, DeliveryOutcome.Transient)]
    [InlineData(503, DeliveryOutcome.Transient)]
    [InlineData(408, DeliveryOutcome.Transient)]
    [InlineData(400, DeliveryOutcome.Permanent)]
    [InlineData(401, DeliveryOutcome.Permanent)]
    [InlineData(404, DeliveryOutcome.Permanent)]
    public void Status_only(int status, DeliveryOutcome outcome)
    {
        var result = HttpAlertChannel.ByStatus(new HttpReply(status, "", TimeSpan.FromSeconds(7)));

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(status, result.HttpStatus);
        Assert.Equal(outcome == DeliveryOutcome.Transient ? TimeSpan.FromSeconds(7) : null, result.RetryAfter);
    }

    private static void AssertDetail(string? expected, DeliveryResult result)
    {
        if (expected is null)
        {
            Assert.Null(result.Detail);
        }
        else
        {
            Assert.Contains(expected, result.Detail, StringComparison.OrdinalIgnoreCase);
        }
    }
}
