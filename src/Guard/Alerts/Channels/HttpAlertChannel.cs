using System.Text;
using Guard.Configuration;
using Guard.Probing.Http;

namespace Guard.Alerts.Channels;

/// <summary>
/// One HTTP attempt: build the request afresh (new timestamp and signature), send it under the per-attempt timeout
/// on the injected TimeProvider, classify the reply, redact the detail, log one record.
/// </summary>
public abstract class HttpAlertChannel : IAlertChannel
{
    protected HttpAlertChannel(AlertChannelContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Http is null || context.Url is null)
        {
            throw new ArgumentException("an HTTP channel needs Http and Url", nameof(context));
        }

        Context = context;
    }

    public string Name => Context.Name;

    public AlertChannelType Type => Context.Type;

    protected AlertChannelContext Context { get; }

    public async Task<DeliveryResult> SendAsync(AlertMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = Context.Time.GetTimestamp();
        DeliveryResult result;
        using var timeout = new CancellationTokenSource(Context.Timeout, Context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = CreateRequest(message);
            using var response = await Context.Http!.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var (body, _) = await BoundedContentReader.ReadAsync(response.Content, AlertHttpClient.MaxResponseBytes, linked.Token);
            var reply = new HttpReply((int)response.StatusCode, Encoding.UTF8.GetString(body),
                HttpReply.ReadRetryAfter(response.Headers, Context.Time.GetUtcNow()));
            result = Classify(reply);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new(DeliveryOutcome.Transient, $"no answer within {Context.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            result = new(DeliveryOutcome.Transient, $"network error ({Describe(ex)})", HttpStatus: ex.StatusCode is { } s ? (int)s : null);
        }

        result = result with { Detail = Context.Redactor.Redact(result.Detail) };
        ChannelResultLogger.Log(Context, message, EndpointText.Mask(Context.Url), result, Context.Time.GetElapsedTime(started));
        return result;
    }

    /// <summary>A new request for every attempt: signatures and timestamps must be fresh.</summary>
    protected abstract HttpRequestMessage CreateRequest(AlertMessage message);

    /// <summary>Turns the provider's reply into an outcome with an actionable detail (redacted by the caller).</summary>
    protected abstract DeliveryResult Classify(HttpReply reply);

    protected static HttpContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>Status-only classification for non-2xx replies that carry no channel code.</summary>
    public static DeliveryResult ByStatus(HttpReply reply, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var status = reply.Status;
        var detail = $"HTTP {status}{(string.IsNullOrWhiteSpace(text) ? "" : ": " + text)}";
        return status is 429 or 408 or >= 500
            ? new(DeliveryOutcome.Transient, detail, reply.RetryAfter, status)
            : new(DeliveryOutcome.Permanent, detail, null, status);
    }

    /// <summary>The reply body, flattened and cut, for details that quote the provider.</summary>
    public static string Snippet(string? body, int max = 200)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }

        var flat = string.Join(' ', body.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return MessageTruncation.ToChars(flat, max);
    }

    private static string Describe(HttpRequestException ex) =>
        ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "DNS lookup failed",
            HttpRequestError.ConnectionError => ex.InnerException?.Message ?? "connection failed",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            _ => ex.Message,
        };

    internal static bool IsSuccess(int status) => status is >= 200 and < 300;
}
