using System.Text.Json;
using Guard.Probing.Classification;

namespace Guard.Probing.Http;

/// <summary>Provider request ids and rate-limit headers, kept for support tickets and the quota watch.</summary>
internal static class ResponseMetadata
{
    private static readonly string[] RequestIdHeaders = ["request-id", "x-request-id", "x-goog-request-id", "x-amzn-requestid"];

    private static readonly string[] RateLimitPrefixes = ["anthropic-ratelimit-", "x-ratelimit-"];

    public static string? RequestId(ProviderResponse response)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (response.Header(name) is { Length: > 0 } id)
            {
                return MessageText.Clean(id);
            }
        }

        return BodyRequestId(response.Body.Span, response.Truncated);
    }

    public static IReadOnlyDictionary<string, string> RateLimitHeaders(ProviderResponse response)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in response.Headers)
        {
            if (RateLimitPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                headers[name.ToLowerInvariant()] = value;
            }
        }

        return headers;
    }

    /// <summary>Top-level <c>request_id</c> (Anthropic, Zhipu), found without parsing the whole body.</summary>
    private static string? BodyRequestId(ReadOnlySpan<byte> body, bool truncated)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        var reader = new Utf8JsonReader(body, isFinalBlock: !truncated, state: default);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("request_id"))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String ? MessageText.Clean(reader.GetString()) : null;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: no body id.
        }

        return null;
    }
}
