namespace Guard.Probing;

/// <summary>Why a model failed. The names are part of Guard's public JSON and configuration.</summary>
public enum FailureKind
{
    /// <summary>Credits or a daily/monthly quota are gone; will not recover before a reset.</summary>
    QuotaExhausted,

    /// <summary>Per-minute or concurrency limit; recovers after the retry-after.</summary>
    RateLimited,

    /// <summary>Key invalid, revoked or expired (401; Gemini's 400 API_KEY_INVALID).</summary>
    AuthFailed,

    /// <summary>Valid key, not allowed (403, region block, disabled org).</summary>
    Forbidden,

    /// <summary>No answer in time.</summary>
    Timeout,

    /// <summary>DNS, connect or TLS failure.</summary>
    Network,

    /// <summary>5xx from the provider.</summary>
    ServerError,

    /// <summary>Provider-wide capacity problem (529, 503 overloaded, Moonshot engine_overloaded_error).</summary>
    Overloaded,

    /// <summary>404 or unknown model.</summary>
    ModelNotFound,

    /// <summary>400/422: the probe itself is wrong for this model.</summary>
    BadRequest,

    /// <summary>Safety block on a harmless probe prompt.</summary>
    ContentFiltered,

    /// <summary>The configured key variable is empty.</summary>
    NoApiKey,

    /// <summary>Anything else.</summary>
    Unknown,
}
