using System.Globalization;

namespace Guard.Alerts.Channels;

/// <summary>
/// Telegram Bot API envelope: <c>ok</c>, <c>error_code</c>, <c>description</c>, <c>parameters.retry_after</c>.
/// error_code values may change, so the HTTP status and <c>parameters</c> decide.
/// </summary>
public static class TelegramReplyClassifier
{
    public static DeliveryResult Classify(HttpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var root = JsonBody.Parse(reply.Body);
        var description = JsonBody.String(root, "description") ?? HttpAlertChannel.Snippet(reply.Body);
        var parameters = JsonBody.Object(root, "parameters");
        var code = JsonBody.Int(root, "error_code")?.ToString(CultureInfo.InvariantCulture);
        if (HttpAlertChannel.IsSuccess(reply.Status) && JsonBody.Bool(root, "ok") == true)
        {
            return new(DeliveryOutcome.Delivered, null, null, reply.Status);
        }

        if (reply.Status == 429)
        {
            var seconds = JsonBody.Int(parameters, "retry_after");
            var retryAfter = seconds is { } s ? TimeSpan.FromSeconds(s) : reply.RetryAfter;
            return new(DeliveryOutcome.Transient, $"Telegram flood control: {description}", retryAfter, reply.Status, code);
        }

        if (JsonBody.Int(parameters, "migrate_to_chat_id") is { } migrated)
        {
            return new(DeliveryOutcome.Permanent, $"the group became a supergroup: set ChatId to {migrated}", null, reply.Status, code);
        }

        var detail = reply.Status switch
        {
            400 when description.Contains("chat not found", StringComparison.OrdinalIgnoreCase) =>
                "chat not found: check ChatId and that the bot was added to the chat",
            400 => $"bad request: {description}",
            401 => "bot token rejected (Unauthorized): check TokenEnv",
            403 => $"bot blocked by the user or removed from the chat ({description})",
            404 => "not found: check TokenEnv and Url (the Bot API base)",
            _ => $"Telegram error: {description}",
        };
        var outcome = reply.Status is >= 500 or 408 ? DeliveryOutcome.Transient : DeliveryOutcome.Permanent;
        return new(outcome, detail, outcome == DeliveryOutcome.Transient ? reply.RetryAfter : null, reply.Status, code);
    }
}
