using Guard.Logging;

namespace Guard.Tests.Logging;

public class SecretRedactorTests
{
    private static readonly SecretRedactor Patterns = SecretRedactor.Default;

    [Theory]
    [InlineData("Authorization: Bearer abcdefghij0123456789", "Authorization: Bearer ***")]
    [InlineData("sent bearer tk_AbC123.def-456/xyz== to ntfy", "sent bearer *** to ntfy")]
    [InlineData("authorization=Basic dXNlcjpwYXNzd29yZA==; retry", "authorization=Basic ***; retry")]
    [InlineData("x-api-key: 0123456789abcdef rejected", "x-api-key: *** rejected")]
    [InlineData("{\"x-goog-api-key\":\"zzzzzzzzzzzzzzzz\"}", "{\"x-goog-api-key\":\"***\"}")]
    [InlineData("GET https://g.example/v1/models?key=AbCdEf123456&alt=json", "GET https://g.example/v1/models?key=***&alt=json")]
    [InlineData("https://x.example/send?api_key=secretvalue1", "https://x.example/send?api_key=***")]
    [InlineData("https://x.example/?a=1&access_token=tok123456 done", "https://x.example/?a=1&access_token=*** done")]
    [InlineData("https://ntfy.example/topic?token=tok123456", "https://ntfy.example/topic?token=***")]
    [InlineData("https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1700000000000&sign=Jp33%2FxXh%3D",
        "https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=1700000000000&sign=***")]
    [InlineData("POST https://open.feishu.cn/open-apis/bot/v2/hook/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9 failed",
        "POST https://open.feishu.cn/open-apis/bot/v2/hook/*** failed")]
    [InlineData("https://open.larksuite.com/open-apis/bot/v2/hook/abcDEF_123", "https://open.larksuite.com/open-apis/bot/v2/hook/***")]
    [InlineData("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa",
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***")]
    [InlineData("https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage",
        "https://api.telegram.org/bot***/sendMessage")]
    [InlineData("token 123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw leaked", "token *** leaked")]
    [InlineData("key sk-proj-AbCdEfGhIjKlMnOpQrStUv was revoked", "key *** was revoked")]
    [InlineData("anthropic sk-ant-api03-AbCdEfGhIjKlMnOpQrSt-uvw invalid", "anthropic *** invalid")]
    [InlineData("API key not valid: AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q.", "API key not valid: ***.")]
    [InlineData("dingtalk SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "dingtalk ***")]
    [InlineData("zhipu 0123456789abcdef0123456789abcdef.AbCdEfGhIjKlMnOp ok", "zhipu *** ok")]
    public void Redact_KnownCredentialShape_IsMasked(string input, string expected)
    {
        Assert.Equal(expected, Patterns.Redact(input));
    }

    [Theory]
    [InlineData("Model zhipu/glm-4.7 answered 429 after 1.2 s (RateLimited, retry-after 30 s)")]
    [InlineData("task-1234567890abcdefghij finished; monkey=banana; next_token=abc")]
    [InlineData("https://open.bigmodel.cn/api/paas/v4/chat/completions returned 503")]
    [InlineData("{\"@t\":\"2026-11-24T10:00:00Z\",\"@mt\":\"Probe {ModelId}\",\"ModelId\":\"google/gemini-3-flash\"}")]
    [InlineData("the key was missing; set GEMINI_API_KEY")]
    public void Redact_OrdinaryText_IsUnchanged(string input)
    {
        Assert.Same(input, Patterns.Redact(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Redact_NullOrEmpty_ReturnsEmpty(string? input)
    {
        Assert.Equal("", new SecretRedactor(["CANARYzq8TvX41pLm"]).Redact(input));
    }

    [Fact]
    public void Redact_ConfiguredValue_IsMaskedWherever_ItAppears()
    {
        var redactor = new SecretRedactor(["CANARYzq8TvX41pLm", "Xk9#p+q/Lm=="]);

        Assert.Equal("provider said: invalid key *** (2x ***)", redactor.Redact("provider said: invalid key CANARYzq8TvX41pLm (2x CANARYzq8TvX41pLm)"));
        Assert.Equal("url-encoded: ***", redactor.Redact("url-encoded: " + Uri.EscapeDataString("Xk9#p+q/Lm==")));
        Assert.Equal("raw: ***", redactor.Redact("raw: Xk9#p+q/Lm=="));
    }

    [Fact]
    public void Redact_JsonEscapedConfiguredValue_IsMasked()
    {
        var redactor = new SecretRedactor(["ab\"cd\\ef12"]);

        Assert.Equal("{\"m\":\"***\"}", redactor.Redact("{\"m\":\"ab\\\"cd\\\\ef12\"}"));
    }

    [Fact]
    public void Redact_LongerSecretContainingShorterOne_IsMaskedWhole()
    {
        var redactor = new SecretRedactor(["secret1", "secret1-and-more"]);

        Assert.Equal("x *** y", redactor.Redact("x secret1-and-more y"));
    }

    [Fact]
    public void Constructor_ShortOrBlankValues_AreIgnored()
    {
        var redactor = new SecretRedactor(["abc", "  ", null, "12345"]);

        Assert.Equal(0, redactor.SecretCount);
        Assert.Equal("abc 12345", redactor.Redact("abc 12345"));
    }

    [Fact]
    public void Redact_PatternValueInJson_KeepsEscapesValid()
    {
        var json = "{\"url\":\"https://x.example/?key=abc123\\nnext\"}";

        Assert.Equal("{\"url\":\"https://x.example/?key=***\\nnext\"}", Patterns.Redact(json));
    }

    [Fact]
    public void With_AddsSecretsAndKeepsExisting()
    {
        var redactor = new SecretRedactor(["CANARYzq8TvX41pLm"]).With(["DISCOVEREDkey42"]);

        Assert.Equal("*** ***", redactor.Redact("CANARYzq8TvX41pLm DISCOVEREDkey42"));
    }
}
