using System.Text.Json;

namespace Guard.Alerts.Channels;

/// <summary>
/// Generic JSON webhook: an Alertmanager v4 body; with a secret, Standard-Webhooks headers (<c>webhook-id</c> = the
/// message id, stable across retries; a fresh <c>webhook-timestamp</c> and signature per attempt); with a token,
/// <c>Authorization: Bearer</c>.
/// </summary>
public sealed class WebhookChannel(AlertChannelContext context) : HttpAlertChannel(context)
{
    public const int MaxBodyBytes = 256 * 1024;

    public byte[] BuildBody(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return PayloadFitter.Fit(message.Text, MaxBodyBytes, text =>
            JsonSerializer.SerializeToUtf8Bytes(AlertmanagerPayload.From(message, Context.Name, text), AlertChannelJsonContext.Relaxed.AlertmanagerPayload));
    }

    protected override HttpRequestMessage CreateRequest(AlertMessage message)
    {
        var body = BuildBody(message);
        var request = new HttpRequestMessage(HttpMethod.Post, Context.Url) { Content = Json(body) };
        if (!string.IsNullOrEmpty(Context.Secret))
        {
            var timestamp = Context.Time.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.TryAddWithoutValidation("webhook-id", message.Id);
            request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("webhook-signature", StandardWebhookSigner.Sign(message.Id, timestamp, body, Context.Secret));
        }

        if (!string.IsNullOrEmpty(Context.Token))
        {
            request.Headers.Authorization = new("Bearer", Context.Token);
        }

        return request;
    }

    protected override DeliveryResult Classify(HttpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (IsSuccess(reply.Status))
        {
            return new(DeliveryOutcome.Delivered, null, null, reply.Status);
        }

        var hint = reply.Status is 401 or 403 ? "credentials rejected: check TokenEnv/SecretEnv" : Snippet(reply.Body);
        return ByStatus(reply, hint);
    }
}
