using System.Globalization;
using System.Text.Json;

namespace Guard.Probing.Classification;

/// <summary>
/// One tolerant parser for every provider's error shape (providers.md §0.3): OpenAI-style, Anthropic,
/// Google (details[] with QuotaFailure/RetryInfo/ErrorInfo), Gemini-compat's array wrapper, Zhipu string codes,
/// OpenRouter metadata (and the upstream body in its <c>raw</c>), xAI's string error, SiliconFlow's
/// top-level code, NVIDIA's problem JSON. Anything that is not JSON yields facts with <see cref="ErrorFacts.IsJson"/> false.
/// </summary>
internal static class ErrorBodyParser
{
    /// <summary>Relay envelopes nest at most this deep (OpenRouter raw holding a LiteLLM message holding JSON is two).</summary>
    private const int MaxNesting = 2;

    private const int MaxTextBody = 4096;

    public static ErrorFacts Parse(ProviderFamily family, ProviderResponse response, DateTimeOffset now) =>
        Parse(family, response, now, depth: 0);

    private static ErrorFacts Parse(ProviderFamily family, ProviderResponse response, DateTimeOffset now, int depth)
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
            return FromJson(baseFacts, document.RootElement, depth);
        }
        catch (JsonException)
        {
            // Truncated JSON, HTML from a proxy or CDN, invalid UTF-8: classified by status and page text.
            return Copy(baseFacts, isJson: false, textBody: TextOf(response.Body));
        }
    }

    private static ErrorFacts FromJson(ErrorFacts facts, JsonElement root, int depth)
    {
        // Gemini's OpenAI-compatible endpoint wraps the Google error in an array.
        var wrapped = false;
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
        {
            root = root[0];
            wrapped = true;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Copy(facts, isJson: true);
        }

        var requestId = Text(root, "request_id");
        var rootType = Text(root, "type");
        var rootObject = Text(root, "object");
        if (!root.TryGetProperty("error", out var error) || error.ValueKind is JsonValueKind.Null)
        {
            // No error object: SiliconFlow {"code":30001,"message":…}, DashScope native {"code":"Arrearage",…},
            // NVIDIA NIM {"status":403,"title":"Forbidden","detail":…}, Mistral/vLLM {"object":"error",…}.
            var message = Text(root, "message") ?? Text(root, "detail") ?? Text(root, "msg") ?? string.Empty;
            var topCode = Text(root, "code");
            var title = Text(root, "title");
            return facts with
            {
                IsJson = true,
                Code = topCode,
                Type = rootType,
                Message = message,
                BodyRequestId = requestId,
                RootType = rootType,
                RootObject = rootObject,
                ProblemTitle = title is not null && root.TryGetProperty("detail", out _) ? title : null,
                HasTopLevelCode = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number,
                IsArrayWrapped = wrapped,
                RetryAfter = facts.RetryAfter ?? RetryHints.FromMessage(message),
                Inner = Embedded(facts, message, depth),
            };
        }

        if (error.ValueKind == JsonValueKind.String)
        {
            // xAI: {"code":"<gRPC status sentence>","error":"<message>"}.
            var text = error.GetString() ?? string.Empty;
            return facts with
            {
                IsJson = true,
                HasErrorObject = true,
                ErrorIsString = true,
                Code = Text(root, "code"),
                Message = text,
                BodyRequestId = requestId,
                RootType = rootType,
                RootObject = rootObject,
                RetryAfter = facts.RetryAfter ?? RetryHints.FromMessage(text),
                Inner = Embedded(facts, text, depth),
            };
        }

        if (error.ValueKind != JsonValueKind.Object)
        {
            return Copy(facts, isJson: true, hasError: true, requestId: requestId);
        }

        var code = Text(error, "code");
        var details = ReadDetails(error);
        var metadata = error.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object ? meta : default;
        var hasMetadata = metadata.ValueKind == JsonValueKind.Object;
        var messageText = Text(error, "message") ?? string.Empty;
        var metadataReset = hasMetadata ? MetadataReset(metadata) : null;
        var retry = facts.RetryAfter ?? details.RetryDelay ?? RetryHints.FromMessage(messageText)
            ?? (metadataReset is { } reset && reset > facts.Now && reset - facts.Now <= RetryHints.MaxPlausible ? reset - facts.Now : null);
        var raw = hasMetadata ? Text(metadata, "raw") : null;
        return facts with
        {
            Status = EffectiveStatus(facts.HttpStatus, code),
            IsJson = true,
            HasErrorObject = true,
            Code = code,
            CodeIsNumber = error.TryGetProperty("code", out var codeValue) && codeValue.ValueKind == JsonValueKind.Number,
            Type = Text(error, "type"),
            GoogleStatus = Text(error, "status"),
            Message = messageText,
            Reasons = details.Reasons,
            QuotaIds = details.QuotaIds,
            QuotaValues = details.QuotaValues,
            RetryInfoDelay = details.RetryDelay,
            DetailsErrorCode = details.ErrorCode,
            HasGoogleDetails = details.HasGoogleTypes,
            MetadataResetAt = metadataReset,
            ModerationFlagged = hasMetadata
                && (metadata.TryGetProperty("reasons", out _) || metadata.TryGetProperty("flagged_input", out _)),
            IsUpstreamRelay = hasMetadata
                && (metadata.TryGetProperty("provider_name", out _) || metadata.TryGetProperty("raw", out _)),
            UpstreamProvider = hasMetadata ? Text(metadata, "provider_name") : null,
            BodyRequestId = requestId,
            RootType = rootType,
            RootObject = rootObject,
            IsArrayWrapped = wrapped,
            RetryAfter = retry,
            Inner = raw is not null ? Nested(facts, EffectiveStatus(facts.HttpStatus, code), raw, depth) : Embedded(facts, messageText, depth),
        };
    }

    /// <summary>OpenRouter's <c>metadata.raw</c>: the upstream's body as a string, usually JSON.</summary>
    private static ErrorFacts? Nested(ErrorFacts outer, int status, string raw, int depth)
    {
        if (depth >= MaxNesting || raw.Length == 0)
        {
            return null;
        }

        var inner = Parse(ProviderFamily.Generic, ProviderResponse.FromText(status, raw), outer.Now, depth + 1);
        return inner.IsJson ? inner : null;
    }

    /// <summary>A relay that pastes the upstream's JSON into its own message (LiteLLM: "MoonshotException - {…}").</summary>
    private static ErrorFacts? Embedded(ErrorFacts outer, string message, int depth)
    {
        var open = message.IndexOf('{', StringComparison.Ordinal);
        var close = message.LastIndexOf('}');
        if (depth >= MaxNesting || open < 0 || close <= open)
        {
            return null;
        }

        var inner = Parse(ProviderFamily.Generic, ProviderResponse.FromText(outer.HttpStatus, message[open..(close + 1)]), outer.Now, depth + 1);
        return inner.IsJson && (inner.HasErrorObject || inner.Code is not null) ? inner : null;
    }

    private static string TextOf(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        return System.Text.Encoding.UTF8.GetString(span.Length > MaxTextBody ? span[..MaxTextBody] : span);
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
            result.HasGoogleTypes |= type.StartsWith("type.googleapis.com/google.rpc.", StringComparison.Ordinal);
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

    private static ErrorFacts Copy(
        ErrorFacts facts, bool isJson, bool hasError = false, string message = "", string? requestId = null, string? textBody = null) =>
        facts with
        {
            IsJson = isJson,
            HasErrorObject = hasError,
            Message = message,
            BodyRequestId = requestId,
            TextBody = textBody,
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

        public bool HasGoogleTypes { get; set; }
    }
}
