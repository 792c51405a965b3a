using System.Net.Http.Headers;

namespace Guard.Alerts.Channels;

/// <summary>What an HTTP channel got back, for its classifier: status, body text and the Retry-After header.</summary>
public sealed record HttpReply(int Status, string Body, TimeSpan? RetryAfter = null)
{
    internal static TimeSpan? ReadRetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var value = headers.RetryAfter;
        if (value?.Delta is { } delta)
        {
            return delta;
        }

        return value?.Date is { } date ? (date > now ? date - now : TimeSpan.Zero) : null;
    }
}
