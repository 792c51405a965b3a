using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Guard.IntegrationTests.Alerts.Emulators;

/// <summary>
/// DingTalk custom robot: <c>POST /robot/send?access_token=…[&amp;timestamp=ms&amp;sign=…]</c>. Checks the token, the URL
/// signature (key = secret, message = timestamp + "\n" + secret) within 1 h, and the keyword.
/// </summary>
public sealed class DingTalkEmulator : ChannelEmulator
{
    public const string Success = """{"errcode":0,"errmsg":"ok"}""";

    private DingTalkEmulator(string accessToken, string? secret, string? keyword, TimeProvider? time) : base(time)
    {
        AccessToken = accessToken;
        Secret = secret;
        Keyword = keyword;
    }

    public string AccessToken { get; }

    public string? Secret { get; }

    public string? Keyword { get; }

    public string RobotUrl => $"{BaseAddress}/robot/send?access_token={AccessToken}";

    public static async Task<DingTalkEmulator> StartAsync(string accessToken, string? secret = null, string? keyword = null, TimeProvider? time = null)
    {
        var emulator = new DingTalkEmulator(accessToken, secret, keyword, time);
        await emulator.StartServerAsync();
        return emulator;
    }

    public static EmulatorReply Error(int code, string msg) =>
        EmulatorReply.Json(JsonSerializer.Serialize(new Dictionary<string, object> { ["errcode"] = code, ["errmsg"] = msg }));

    public static EmulatorReply TooFast() => Error(130101, "send too fast, exceed 20 times per minute");

    protected override EmulatorReply Handle(RecordedRequest request)
    {
        if (request.Path != "/robot/send" || request.QueryValue("access_token") != AccessToken)
        {
            return Error(300001, "token is not exist");
        }

        if (Secret is not null)
        {
            var timestamp = request.QueryValue("timestamp");
            if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                || Math.Abs(Time.GetUtcNow().ToUnixTimeMilliseconds() - ms) > 3_600_000)
            {
                return Error(310000, "invalid timestamp");
            }

            var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + "\n" + Secret)));
            if (request.QueryValue("sign") != expected)
            {
                return Error(310000, "sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]");
            }
        }

        if (Keyword is not null && !JsonText.AllStrings(request.Json()).Contains(Keyword, StringComparison.Ordinal))
        {
            return Error(310000, "keywords not in content, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]");
        }

        return EmulatorReply.Json(Success);
    }
}
