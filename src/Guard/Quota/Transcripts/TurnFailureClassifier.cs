using System.Globalization;
using System.Text.RegularExpressions;
using Guard.OpenClaw.GatewayLog;
using Guard.Probing;

namespace Guard.Quota.Transcripts;

/// <summary>
/// A failed turn's <c>errorMessage</c> ("Cloud Code Assist API error (429): You have exhausted your … quota",
/// "401 Incorrect API key provided", "Request timed out.") as a failure kind: the HTTP status in the text and the
/// words around it, mapped the way gateway-log details are (<see cref="OpenClawReasons"/>).
/// </summary>
public static partial class TurnFailureClassifier
{
    public static (FailureKind Kind, int? HttpStatus) Classify(string? message)
    {
        var text = message ?? "";
        var status = Status().Match(text) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
        var kind = OpenClawReasons.Map(null, status, text);
        if (kind != FailureKind.Unknown)
        {
            return (kind, status);
        }

        var lower = text.ToLowerInvariant();
        kind = lower switch
        {
            _ when lower.Contains("overloaded", StringComparison.Ordinal) => FailureKind.Overloaded,
            _ when lower.Contains("connection error", StringComparison.Ordinal) || lower.Contains("fetch failed", StringComparison.Ordinal)
                || lower.Contains("econnreset", StringComparison.Ordinal) || lower.Contains("socket hang up", StringComparison.Ordinal) => FailureKind.Network,
            _ => FailureKind.Unknown,
        };
        return (kind, status);
    }

    /// <summary>A 4xx/5xx status standing alone ("(429)", "429 ", "status 503"), not part of a longer number.</summary>
    [GeneratedRegex(@"(?<![\d.])([45]\d\d)(?![\d.])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Status();
}
