using System.Text;
using System.Text.Json;

namespace Guard.IntegrationTests.Alerts.Emulators;

/// <summary>WeCom group robot: <c>POST /cgi-bin/webhook/send?key=…</c>; enforces the key and the content byte limits.</summary>
public sealed class WeComEmulator : ChannelEmulator
{
    public const string Success = """{"errcode":0,"errmsg":"ok"}""";

    private WeComEmulator(string key, TimeProvider? time) : base(time)
    {
        Key = key;
    }

    public string Key { get; }

    public string WebhookUrl => $"{BaseAddress}/cgi-bin/webhook/send?key={Key}";

    public static async Task<WeComEmulator> StartAsync(string key, TimeProvider? time = null)
    {
        var emulator = new WeComEmulator(key, time);
        await emulator.StartServerAsync();
        return emulator;
    }

    public static EmulatorReply Error(int code, string msg) =>
        EmulatorReply.Json(JsonSerializer.Serialize(new Dictionary<string, object> { ["errcode"] = code, ["errmsg"] = msg }));

    public static EmulatorReply FrequencyLimited() => Error(45009, "api freq out of limit");

    protected override EmulatorReply Handle(RecordedRequest request)
    {
        if (request.Path != "/cgi-bin/webhook/send" || request.QueryValue("key") != Key)
        {
            return Error(93000, "invalid webhook url, hint: [1656]");
        }

        var body = request.Json();
        var type = body.GetProperty("msgtype").GetString()!;
        var content = body.GetProperty(type).GetProperty("content").GetString() ?? "";
        var limit = type == "markdown" ? 4096 : 2048;
        return Encoding.UTF8.GetByteCount(content) > limit
            ? Error(40058, $"{type}.content exceed max length {limit}")
            : EmulatorReply.Json(Success);
    }
}
