using System.Net.Sockets;
using Guard.Probing.Classification.Rules;

namespace Guard.Probing.Classification;

/// <summary>
/// Decides a <see cref="FailureKind"/> from a provider's own error fields (rule table per family, then status),
/// or from a transport exception. Pure: no HTTP, no clock (the caller passes "now").
/// </summary>
public sealed class FailureClassifier
{
    /// <summary>Classifies a non-2xx response, or a 2xx whose body carries an error object.</summary>
    public FailureClassification Classify(ProviderFamily family, ProviderResponse response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var facts = ErrorBodyParser.Parse(family, response, now);
        foreach (var rule in FailureRuleTable.For(family))
        {
            if (rule.When(facts))
            {
                return new FailureClassification(rule.Kind, Describe(facts), rule.Name)
                {
                    RetryAfter = facts.RetryAfter,
                    ResetAt = rule.ResetAt?.Invoke(facts),
                    IsUndetailedRateLimit = rule.Undetailed,
                    BodyRequestId = facts.BodyRequestId,
                };
            }
        }

        // Unreachable: the status table ends with a catch-all row.
        return new FailureClassification(FailureKind.Unknown, Describe(facts), "none");
    }

    /// <summary>Transport failures (DNS, connect, TLS, dropped connection) are Network; the probe's own timeout is handled by the caller.</summary>
    public FailureClassification ClassifyException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            HttpRequestException http => new(FailureKind.Network, $"{http.HttpRequestError}: {Innermost(http)}", "transport.http"),
            IOException or SocketException => new(FailureKind.Network, $"I/O error: {Innermost(exception)}", "transport.io"),
            TimeoutException => new(FailureKind.Timeout, "Timed out: " + exception.Message, "transport.timeout"),
            _ => new(FailureKind.Unknown, $"{exception.GetType().Name}: {exception.Message}", "transport.other"),
        };
    }

    private static string Describe(ErrorFacts facts)
    {
        var status = $"HTTP {facts.HttpStatus}";
        if (!facts.IsJson)
        {
            return facts.IsEmpty
                ? $"{status} with an empty body"
                : $"{status} with a non-JSON body ({facts.ContentType ?? "no content type"})";
        }

        var label = facts.Label is null ? string.Empty : " " + facts.Label;
        return string.IsNullOrWhiteSpace(facts.Message)
            ? $"{status}{label} (no error message)"
            : MessageText.Clean($"{status}{label}: {facts.Message}");
    }

    // The outer message is often generic ("An error occurred while sending the request"); the socket error says what happened.
    private static string Innermost(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return MessageText.Clean(ReferenceEquals(inner, exception) ? exception.Message : $"{exception.Message} ({inner.Message})");
    }
}
