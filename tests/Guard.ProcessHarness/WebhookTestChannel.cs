using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Guard.Alerts;
using Guard.Configuration;

namespace Guard.ProcessHarness;

/// <summary>
/// A minimal Alertmanager-style webhook channel for the outbox tests (the real senders are built elsewhere):
/// one JSON POST per attempt with the message id in a <c>webhook-id</c> header; 2xx delivered, 429/5xx/network
/// transient (Retry-After honoured), other 4xx permanent.
/// </summary>
public sealed class WebhookTestChannel(string name, HttpClient http, Uri url) : IAlertChannel
{
    public string Name { get; } = name;

    public AlertChannelType Type => AlertChannelType.Webhook;

    public async Task<DeliveryResult> SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new
            {
                status = message.Status.ToString().ToLowerInvariant(),
                alerts = new[] { new { id = message.Id, fingerprint = message.Fingerprint, title = message.Title, text = message.Text, labels = message.Labels } },
            }),
        };
        request.Headers.Add("webhook-id", message.Id);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return DeliveryResult.Delivered;
            }

            var retryAfter = response.Headers.RetryAfter?.Delta;
            return status == (int)HttpStatusCode.TooManyRequests || status >= 500
                ? new DeliveryResult(DeliveryOutcome.Transient, $"HTTP {status}", retryAfter, status)
                : new DeliveryResult(DeliveryOutcome.Permanent, $"HTTP {status}", null, status);
        }
        catch (HttpRequestException e)
        {
            return new DeliveryResult(DeliveryOutcome.Transient, $"network: {e.HttpRequestError}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(DeliveryOutcome.Transient, string.Create(CultureInfo.InvariantCulture, $"timeout after {http.Timeout.TotalSeconds} s"));
        }
    }
}
