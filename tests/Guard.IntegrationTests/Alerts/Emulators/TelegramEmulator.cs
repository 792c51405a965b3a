using System.Text.Json;

namespace Guard.IntegrationTests.Alerts.Emulators;

/// <summary>Telegram Bot API: <c>POST /bot{token}/sendMessage</c>; checks token, chat, parse mode and the 4096-character limit.</summary>
public sealed class TelegramEmulator : ChannelEmulator
{
    private int _messageId;

    private TelegramEmulator(string token, string chatId, TimeProvider? time) : base(time)
    {
        BotToken = token;
        ChatId = chatId;
    }

    public string BotToken { get; }

    public string ChatId { get; }

    public static async Task<TelegramEmulator> StartAsync(string token, string chatId, TimeProvider? time = null)
    {
        var emulator = new TelegramEmulator(token, chatId, time);
        await emulator.StartServerAsync();
        return emulator;
    }

    public static EmulatorReply Error(int status, string description, int? retryAfter = null)
    {
        var body = new Dictionary<string, object> { ["ok"] = false, ["error_code"] = status, ["description"] = description };
        if (retryAfter is { } seconds)
        {
            body["parameters"] = new Dictionary<string, object> { ["retry_after"] = seconds };
        }

        return EmulatorReply.Json(JsonSerializer.Serialize(body), status);
    }

    public static EmulatorReply Flood(int retryAfter) => Error(429, $"Too Many Requests: retry after {retryAfter}", retryAfter);

    public static EmulatorReply Blocked() => Error(403, "Forbidden: bot was blocked by the user");

    protected override EmulatorReply Handle(RecordedRequest request)
    {
        if (request.Path != $"/bot{BotToken}/sendMessage")
        {
            return request.Path.EndsWith("/sendMessage", StringComparison.Ordinal) ? Error(401, "Unauthorized") : Error(404, "Not Found");
        }

        var body = request.Json();
        var chat = body.GetProperty("chat_id");
        if ((chat.ValueKind == JsonValueKind.String ? chat.GetString() : chat.GetRawText()) != ChatId)
        {
            return Error(400, "Bad Request: chat not found");
        }

        if (body.GetProperty("text").GetString()!.Length > 4096)
        {
            return Error(400, "Bad Request: message is too long");
        }

        if (body.TryGetProperty("parse_mode", out var mode) && mode.GetString() != "HTML")
        {
            return Error(400, "Bad Request: unsupported parse_mode");
        }

        var id = Interlocked.Increment(ref _messageId);
        return EmulatorReply.Json("{\"ok\":true,\"result\":{\"message_id\":" + id + ",\"chat\":{\"id\":" + ChatId + "},\"text\":\"...\"}}");
    }
}
