using System.Text.RegularExpressions;

namespace Guard.Logging;

/// <summary>
/// Credential shapes that are masked even when Guard does not know the value (keys pasted into URLs,
/// provider error bodies echoing a header, OpenClaw-discovered keys). One alternation = one scan.
/// </summary>
internal static partial class SecretPatterns
{
    /// <summary>Text before the secret is captured as <c>keep</c> and survives; the secret becomes <c>***</c>.</summary>
    internal const string Replacement = "${keep}***";

    // Value characters stop at quotes and backslashes so masking JSON output never breaks an escape sequence.
    [GeneratedRegex(
        """
        (?<keep>\b(?:proxy-)?authorization"?\s*[:=]\s*"?(?:(?:Bearer|Basic|Token|Bot)\s+)?)[^\s"'\\,;&]+
        |(?<keep>\b(?:x-api-key|x-goog-api-key|api-key|x-auth-token)"?\s*[:=]\s*"?)[^\s"'\\,;&]+
        |(?<keep>\bBearer\s+)[A-Za-z0-9\-._~+/]+=*
        |(?<keep>(?<![A-Za-z0-9_])(?:key|api_key|apikey|api-key|access_token|token|sign|signature|secret|auth)=)[^&\s"'\\#,;]+
        |(?<keep>/hook/)[A-Za-z0-9\-_]+
        |(?<keep>/bot)\d+:[A-Za-z0-9_\-]+
        |(?<![A-Za-z0-9])\d{6,}:[A-Za-z0-9_\-]{30,}
        |(?<![A-Za-z0-9])sk-(?:ant-)?[A-Za-z0-9\-_]{16,}
        |(?<![A-Za-z0-9])AIza[0-9A-Za-z\-_]{35}
        |(?<![A-Za-z0-9])SEC[0-9a-fA-F]{32,}
        |(?<![A-Za-z0-9])[0-9a-f]{32}\.[A-Za-z0-9]{16}(?![A-Za-z0-9])
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        matchTimeoutMilliseconds: 1000)]
    internal static partial Regex All();
}
