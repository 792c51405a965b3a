using System.Security.Cryptography;
using System.Text;
using Guard.Alerts.Channels;

namespace Guard.Tests.Alerts.Channels;

/// <summary>Test vectors from reference/alert-channels.md and the Standard Webhooks spec, computed independently (Python hmac).</summary>
public sealed class SigningTests
{
    [Fact]
    public void Feishu_sign_matches_the_documented_vector()
    {
        Assert.Equal("Jp33/xXhCipDEpjyHvEyc7mRSyXWHbNz6J8+C3qQKNo=", FeishuSigner.Sign(1700000000, "mysecret"));
    }

    [Fact]
    public void Feishu_sign_is_not_the_DingTalk_order()
    {
        // The negative vector: key = secret, message = "timestamp\nsecret" is what Feishu rejects.
        const string dingTalkOrder = "jgNfhdY7jgRFosZj9wqAeWu0PMpOjkNkuRWjtbFrHlM=";
        Assert.NotEqual(dingTalkOrder, FeishuSigner.Sign(1700000000, "mysecret"));
        Assert.Equal(dingTalkOrder, DingTalkSigner.Sign(1700000000, "mysecret"));
    }

    [Fact]
    public void Feishu_sign_changes_with_the_timestamp()
    {
        Assert.NotEqual(FeishuSigner.Sign(1700000000, "mysecret"), FeishuSigner.Sign(1700000001, "mysecret"));
    }

    [Fact]
    public void DingTalk_signed_url_appends_millisecond_timestamp_and_url_encoded_sign()
    {
        var url = DingTalkSigner.SignedUrl(new Uri("https://oapi.dingtalk.com/robot/send?access_token=abc"), 1700000000000, "SEC0123456789abcdef");

        Assert.Equal(
            "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D",
            url.AbsoluteUri);
    }

    [Fact]
    public void DingTalk_signed_url_does_not_grow_when_signed_again()
    {
        var stored = new Uri("https://oapi.dingtalk.com/robot/send?access_token=abc");
        var first = DingTalkSigner.SignedUrl(stored, 1700000000000, "SECx");
        var second = DingTalkSigner.SignedUrl(stored, 1700000060000, "SECx");

        Assert.Single(Occurrences(first.AbsoluteUri, "timestamp="));
        Assert.Single(Occurrences(second.AbsoluteUri, "timestamp="));
        Assert.StartsWith("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000060000&sign=", second.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=abc", stored.AbsoluteUri);
    }

    [Fact]
    public void Standard_webhook_signature_matches_the_spec_vector()
    {
        var body = Encoding.UTF8.GetBytes("{\"test\": 2432232314}");

        var signature = StandardWebhookSigner.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Standard_webhook_secret_without_prefix_is_used_as_utf8()
    {
        Assert.Equal("v1,kgaJhCJe4jpwq7JLSW8elj2j5d7sUjxvhJpxFexLqU8=", StandardWebhookSigner.Sign("id1", 1700000000, "{}"u8, "plain-secret"));
        Assert.Equal(Encoding.UTF8.GetBytes("plain-secret"), StandardWebhookSigner.KeyBytes("plain-secret"));
        Assert.Equal(Convert.FromBase64String("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), StandardWebhookSigner.KeyBytes("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    }

    [Fact]
    public void Standard_webhook_signature_covers_the_body()
    {
        var a = StandardWebhookSigner.Sign("id1", 1700000000, "{\"a\":1}"u8, "plain-secret");
        var b = StandardWebhookSigner.Sign("id1", 1700000000, "{\"a\":2}"u8, "plain-secret");

        Assert.NotEqual(a, b);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData("plain-secret"u8, "id1.1700000000.{\"a\":1}"u8));
        Assert.Equal(expected, a);
    }

    private static IEnumerable<int> Occurrences(string text, string part)
    {
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }
}
