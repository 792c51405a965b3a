namespace Guard.Probing.Classification;

/// <summary>Everything the rule table may look at, extracted once from a response by <see cref="ErrorBodyParser"/>.</summary>
internal sealed record ErrorFacts
{
    /// <summary>The host's family; replaced by the reply's own family when the host is unknown (<see cref="ReplyFamilies"/>).</summary>
    public required ProviderFamily Family { get; set; }

    public required int HttpStatus { get; init; }

    /// <summary>HTTP status, or for an error inside a 2xx body the error's own numeric code when it looks like one.</summary>
    public required int Status { get; init; }

    public required DateTimeOffset Now { get; init; }

    public string? ContentType { get; init; }

    public bool IsJson { get; init; }

    public bool IsEmpty { get; init; }

    public bool HasErrorObject { get; init; }

    /// <summary><c>error.code</c> as text (OpenAI string codes, Zhipu business codes, Google/OpenRouter numbers).</summary>
    public string? Code { get; init; }

    /// <summary><c>error.type</c> (Anthropic, Moonshot; Zhipu's Anthropic-style endpoint puts its code here).</summary>
    public string? Type { get; init; }

    /// <summary>Google's <c>error.status</c>, e.g. RESOURCE_EXHAUSTED.</summary>
    public string? GoogleStatus { get; init; }

    public string Message { get; init; } = string.Empty;

    public IReadOnlyList<string> Reasons { get; init; } = [];

    public IReadOnlyList<string> QuotaIds { get; init; } = [];

    public IReadOnlyList<string> QuotaValues { get; init; } = [];

    public TimeSpan? RetryInfoDelay { get; init; }

    /// <summary>Anthropic <c>error.details.error_code</c>.</summary>
    public string? DetailsErrorCode { get; init; }

    /// <summary>OpenRouter <c>error.metadata.headers.X-RateLimit-Reset</c> (epoch ms).</summary>
    public DateTimeOffset? MetadataResetAt { get; init; }

    /// <summary>OpenRouter moderation metadata (<c>reasons</c> or <c>flagged_input</c>) is present.</summary>
    public bool ModerationFlagged { get; init; }

    /// <summary>OpenRouter relayed an upstream provider's error (<c>metadata.provider_name</c>/<c>raw</c>).</summary>
    public bool IsUpstreamRelay { get; init; }

    public string? BodyRequestId { get; init; }

    /// <summary>Root <c>type</c> ("error" in Anthropic's envelope).</summary>
    public string? RootType { get; init; }

    /// <summary>Root <c>object</c> ("error" in Mistral's and vLLM's envelope).</summary>
    public string? RootObject { get; init; }

    /// <summary>The error came wrapped in a JSON array (Gemini's OpenAI-compatible endpoint).</summary>
    public bool IsArrayWrapped { get; init; }

    /// <summary>Some <c>details[]</c> entry has a <c>type.googleapis.com/google.rpc.*</c> <c>@type</c>.</summary>
    public bool HasGoogleDetails { get; init; }

    /// <summary><c>error</c> is a plain string (xAI), not an object.</summary>
    public bool ErrorIsString { get; init; }

    /// <summary>RFC 9457 problem shape <c>{"status","title","detail"}</c> without an error object (NVIDIA NIM).</summary>
    public string? ProblemTitle { get; init; }

    /// <summary>A numeric <c>code</c> at the root with no error object (SiliconFlow).</summary>
    public bool HasTopLevelCode { get; init; }

    /// <summary><c>error.code</c> is a JSON number (OpenRouter, Google), not a string.</summary>
    public bool CodeIsNumber { get; init; }

    /// <summary>OpenRouter <c>metadata.provider_name</c>.</summary>
    public string? UpstreamProvider { get; init; }

    /// <summary>The upstream's own error found inside a relay envelope (OpenRouter <c>metadata.raw</c>, JSON in a LiteLLM message).</summary>
    public ErrorFacts? Inner { get; init; }

    /// <summary>The raw body as text when it is not JSON (HTML pages from a CDN); capped.</summary>
    public string? TextBody { get; init; }

    public bool HasRetryAfterHeader { get; init; }

    /// <summary>Best retry hint: retry-after-ms, Retry-After, RetryInfo, then "after N seconds" in the message.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The code from <see cref="Code"/> or <see cref="Type"/> when it is a number (Zhipu).</summary>
    public int? BusinessCode =>
        int.TryParse(Code, out var code) ? code : int.TryParse(Type, out var type) ? type : null;

    public bool MessageHas(string text) => Message.Contains(text, StringComparison.OrdinalIgnoreCase);

    public bool MessageHasAny(params string[] texts) => texts.Any(MessageHas);

    public bool TextBodyHas(string text) => TextBody?.Contains(text, StringComparison.OrdinalIgnoreCase) == true;

    public bool CodeIs(params string[] codes) => Code is not null && codes.Contains(Code, StringComparer.OrdinalIgnoreCase);

    public bool TypeIs(params string[] types) => Type is not null && types.Contains(Type, StringComparer.OrdinalIgnoreCase);

    public bool QuotaIdHas(string text) => QuotaIds.Any(id => id.Contains(text, StringComparison.OrdinalIgnoreCase));

    public bool BusinessCodeIn(params int[] codes) => BusinessCode is { } code && codes.Contains(code);

    /// <summary>The label shown before the message: Google status, error type or code.</summary>
    public string? Label => GoogleStatus ?? Type ?? Code;
}
