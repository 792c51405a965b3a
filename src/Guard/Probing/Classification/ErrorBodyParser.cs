using System.Globalization;
using System.Text.Json;

namespace Guard.Probing.Classification;

/// <summary>
/// One tolerant parser for every provider's error shape (providers.md §0.3): OpenAI-style, Anthropic,
/// Google (details[] with QuotaFailure/RetryInfo/ErrorInfo), Gemini-compat's array wrapper, Zhipu string codes,
/// OpenRouter metadata. Anything that is not JSON yields facts with <see cref="ErrorFacts.IsJson"/> false.
/// </summary>
internal static class ErrorBodyParser
{
    public static ErrorFacts Parse(ProviderFamily family, ProviderResponse response, DateTimeOffset now)
    {
        var headerRetry = RetryHints.FromHeaders(response, now);
        var baseFacts = new ErrorFacts
        {
            Family = family,
            HttpStatus = response.Status,
            Status = response.Status,
            Now = now,
            ContentType = response.ContentType,
            IsEmpty = response.Body.IsEmpty,
            HasRetryAfterHeader = headerRetry is not null,
            RetryAfter = headerRetry,
        };
        if (response.Body.IsEmpty)
        {
            return baseFacts;
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            return FromJson(baseFacts, document.RootElement);
        }
        catch (JsonException)
        {
            // Truncated JSON, HTML from a proxy, invalid UTF-8: classified by status alone.
            return baseFacts;
        }
    }

    private static ErrorFacts FromJson(ErrorFacts facts, JsonElement root)
    {
        // Gemini's OpenAI-compatible endpoint wraps the Google error in an array.
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
        {
            root = root[0];
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Copy(facts, isJson: true);
        }

        var requestId = Text(root, "request_id");
        if (!root.TryGetProperty("error", out var error))
        {
            var message = Text(root, "message") ?? Text(root, "detail") ?? string.Empty;
            return Copy(facts, isJson: true, message: message, requestId: requestId);
        }

        if (error.ValueKind == JsonValueKind.String)
        {
            return Copy(facts, isJson: true, hasError: true, message: error.GetString() ?? string.Empty, requestId: requestId);
        }

        if (error.ValueKind != JsonValueKind.Object)
        {
            return Copy(facts, isJson: true, hasError: true, requestId: requestId);
        }

        var code = Text(error, "code");
        var details = ReadDetails(error);
        var metadata = error.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object ? meta : default;
        var messageText = Text(error, "message") ?? string.Empty;
        var retry = facts.RetryAfter ?? details.RetryDelay ?? RetryHints.FromMessage(messageText);
        return new ErrorFacts
        {
            Family = facts.Family,
            HttpStatus = facts.HttpStatus,
            Status = EffectiveStatus(facts.HttpStatus, code),
            Now = facts.Now,
            ContentType = facts.ContentType,
            IsJson = true,
            HasErrorObject = true,
            Code = code,
            Type = Text(error, "type"),
            GoogleStatus = Text(error, "status"),
            Message = messageText,
            Reasons = details.Reasons,
            QuotaIds = details.QuotaIds,
            QuotaValues = details.QuotaValues,
            RetryInfoDelay = details.RetryDelay,
            DetailsErrorCode = details.ErrorCode,
            MetadataResetAt = metadata.ValueKind == JsonValueKind.Object ? MetadataReset(metadata) : null,
            ModerationFlagged = metadata.ValueKind == JsonValueKind.Object
                && (metadata.TryGetProperty("reasons", out _) || metadata.TryGetProperty("flagged_input", out _)),
            IsUpstreamRelay = metadata.ValueKind == JsonValueKind.Object
                && (metadata.TryGetProperty("provider_name", out _) || metadata.TryGetProperty("raw", out _)),
            BodyRequestId = requestId,
            HasRetryAfterHeader = facts.HasRetryAfterHeader,
            RetryAfter = retry,
        };
    }

    /// <summary>An error inside a 2xx body carries its real status in <c>error.code</c> (OpenRouter, Google).</summary>
    private static int EffectiveStatus(int httpStatus, string? code) =>
        httpStatus is >= 200 and < 300 && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var inner)
            && inner is >= 400 and < 600
            ? inner
            : httpStatus;

    private static ErrorDetails ReadDetails(JsonElement error)
    {
        var result = new ErrorDetails();
        if (!error.TryGetProperty("details", out var details))
        {
            return result;
        }

        if (details.ValueKind == JsonValueKind.Object)
        {
            result.ErrorCode = Text(details, "error_code");
            return result;
        }

        if (details.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (var detail in details.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Object))
        {
            var type = Text(detail, "@type") ?? string.Empty;
            if (type.EndsWith("QuotaFailure", StringComparison.Ordinal) && detail.TryGetProperty("violations", out var violations)
                && violations.ValueKind == JsonValueKind.Array)
            {
                foreach (var violation in violations.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object))
                {
                    AddIfPresent(result.QuotaIds, Text(violation, "quotaId"));
                    AddIfPresent(result.QuotaValues, Text(violation, "quotaValue"));
                }
            }
            else if (type.EndsWith("RetryInfo", StringComparison.Ordinal))
            {
                result.RetryDelay = RetryHints.ParseProtoDuration(Text(detail, "retryDelay"));
            }
            else if (type.EndsWith("ErrorInfo", StringComparison.Ordinal))
            {
                AddIfPresent(result.Reasons, Text(detail, "reason"));
            }
        }

        return result;
    }

    private static DateTimeOffset? MetadataReset(JsonElement metadata)
    {
        if (!metadata.TryGetProperty("headers", out var headers) || headers.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var header in headers.EnumerateObject())
        {
            if (header.NameEquals("X-RateLimit-Reset") || header.Name.Equals("x-ratelimit-reset", StringComparison.OrdinalIgnoreCase))
            {
                var raw = header.Value.ValueKind == JsonValueKind.Number ? header.Value.GetRawText() : header.Value.GetString();
                return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                    ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                    : null;
            }
        }

        return null;
    }

    private static ErrorFacts Copy(ErrorFacts facts, bool isJson, bool hasError = false, string message = "", string? requestId = null) =>
        new()
        {
            Family = facts.Family,
            HttpStatus = facts.HttpStatus,
            Status = facts.Status,
            Now = facts.Now,
            ContentType = facts.ContentType,
            IsJson = isJson,
            HasErrorObject = hasError,
            Message = message,
            BodyRequestId = requestId,
            HasRetryAfterHeader = facts.HasRetryAfterHeader,
            RetryAfter = facts.RetryAfter ?? RetryHints.FromMessage(message),
        };

    /// <summary>A property as text whether the provider sent a string or a number (Zhipu sends codes both ways).</summary>
    private static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    private static void AddIfPresent(List<string> list, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            list.Add(value);
        }
    }

    private sealed class ErrorDetails
    {
        public List<string> QuotaIds { get; } = [];

        public List<string> QuotaValues { get; } = [];

        public List<string> Reasons { get; } = [];

        public TimeSpan? RetryDelay { get; set; }

        public string? ErrorCode { get; set; }
    }
}
