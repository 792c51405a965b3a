using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Guard.IntegrationTests.Alerts.Emulators;

/// <summary>
/// Feishu custom bot v2 hook: <c>POST /open-apis/bot/v2/hook/{token}</c>. Verifies the signature with its own copy of
/// the documented algorithm (key = timestamp + "\n" + secret, empty message) and a 1 h window, the keyword and msg_type.
/// </summary>
public sealed class FeishuEmulator : ChannelEmulator
{
    public const string Success = """{"StatusCode":0,"StatusMessage":"success","code":0,"data":{},"msg":"success"}""";

    private FeishuEmulator(string token, string? secret, string? keyword, TimeProvider? time) : base(time)
    {
        Token = token;
        Secret = secret;
        Keyword = keyword;
    }

    public string Token { get; }

    public string? Secret { get; }

    public string? Keyword { get; }

    public string HookUrl => $"{BaseAddress}/open-apis/bot/v2/hook/{Token}";

    public static async Task<FeishuEmulator> StartAsync(string token, string? secret = null, string? keyword = null, TimeProvider? time = null)
    {
        var emulator = new FeishuEmulator(token, secret, keyword, time);
        await emulator.StartServerAsync();
        return emulator;
    }

    public static EmulatorReply Error(int code, string msg) =>
        EmulatorReply.Json(JsonSerializer.Serialize(new Dictionary<string, object> { ["code"] = code, ["msg"] = msg, ["data"] = new Dictionary<string, object>() }));

    public static EmulatorReply FrequencyLimited() => Error(11232, "frequency limited psm[lark.oapi.app_platform_runtime]appID[1500]");

    /// <summary>The documented algorithm, written out here independently of Guard's signer.</summary>
    public static string ExpectedSign(string timestamp, string secret)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(timestamp + "\n" + secret));
        return Convert.ToBase64String(hmac.ComputeHash([]));
    }

    protected override EmulatorReply Handle(RecordedRequest request)
    {
        if (request.Method != "POST" || request.Path != $"/open-apis/bot/v2/hook/{Token}")
        {
            return Error(19001, "param invalid: incoming webhook access token invalid");
        }

        JsonElement body;
        try
        {
            body = request.Json();
        }
        catch (JsonException)
        {
            return Error(9499, "Bad Request");
        }

        if (Secret is not null)
        {
            var timestamp = body.TryGetProperty("timestamp", out var t) ? t.GetString() : null;
            var sign = body.TryGetProperty("sign", out var s) ? s.GetString() : null;
            if (timestamp is null || sign is null
                || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || Math.Abs(Time.GetUtcNow().ToUnixTimeSeconds() - seconds) > 3600
                || sign != ExpectedSign(timestamp, Secret))
            {
                return Error(19021, "sign match fail or timestamp is not within one hour from current time");
            }
        }

        var type = body.TryGetProperty("msg_type", out var m) ? m.GetString() : null;
        if (type is not ("text" or "post" or "interactive"))
        {
            return Error(19002, "param invalid: msg_type");
        }

        // Keyword security looks at the message's text, not at the signing fields.
        var content = JsonText.AllStrings(type == "interactive" ? body.GetProperty("card") : body.GetProperty("content"));
        if (Keyword is not null && !content.Contains(Keyword, StringComparison.Ordinal))
        {
            return Error(19024, "Key Words Not Found");
        }

        return EmulatorReply.Json(Success);
    }
}
