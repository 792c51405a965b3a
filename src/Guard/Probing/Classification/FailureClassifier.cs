using System.Net.Sockets;
using Guard.Probing.Classification.Rules;

namespace Guard.Probing.Classification;

/// <summary>
/// Decides a <see cref="FailureKind"/> from a provider's own error fields (rule table per family, then status),
/// or from a transport exception. Pure: no HTTP, no clock (the caller passes "now").
/// </summary>
public sealed class FailureClassifier
{
    /// <summary>
    /// Classifies a non-2xx response, or a 2xx whose body carries an error object. A known <paramref name="family"/>
    /// (host or provider id) is used as given; for <see cref="ProviderFamily.Generic"/> the reply's own vocabulary picks
    /// the family (<see cref="ReplyFamilies"/>). An upstream error inside a relay envelope decides first when its rules
    /// say more than its status. <see cref="FailureClassification.Rule"/> names the deciding row, e.g.
    /// "moonshot.overloaded", "reply:moonshot.overloaded" (family from the body) or "openrouter.raw>gemini.failed-precondition".
    /// </summary>
    public FailureClassification Classify(ProviderFamily family, ProviderResponse response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var facts = ErrorBodyParser.Parse(family, response, now);
        if (facts.Inner is { } inner)
        {
            var upstream = Decide(inner, ProviderFamily.Generic);
            if (!upstream.Rule.Contains("status.", StringComparison.Ordinal))
            {
                // The outer message ("Provider returned error") says less than the upstream's; keep the outer hints.
                var prefix = facts.IsUpstreamRelay ? "openrouter.raw>" : "relay.embedded>";
                return upstream with
                {
                    Message = Describe(facts),
                    Rule = prefix + upstream.Rule,
                    RetryAfter = facts.RetryAfter ?? upstream.RetryAfter,
                    BodyRequestId = facts.BodyRequestId ?? upstream.BodyRequestId,
                };
            }
        }

        return Decide(facts, family);
    }

    private static FailureClassification Decide(ErrorFacts facts, ProviderFamily family)
    {
        var prefix = string.Empty;
        // A relay named by its provider id still passes its upstreams' errors through: their vocabulary decides.
        if (family is ProviderFamily.Generic or ProviderFamily.Relay)
        {
            var (fromReply, signature) = ReplyFamilies.Detect(facts);
            if (signature is not null && fromReply != family)
            {
                family = fromReply;
                prefix = "reply:";
            }
        }

        facts.Family = family;
        foreach (var rule in FailureRuleTable.For(family))
        {
            if (rule.When(facts))
            {
                return new FailureClassification(rule.Kind, Describe(facts), prefix + rule.Name)
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
                : facts.TextBodyHas("cloudflare")
                    ? $"{status} from Cloudflare ({facts.ContentType ?? "no content type"}): {CloudflarePage(facts.HttpStatus)}"
                    : $"{status} with a non-JSON body ({facts.ContentType ?? "no content type"})";
        }

        var label = facts.Label is null ? string.Empty : " " + facts.Label;
        if (string.IsNullOrWhiteSpace(facts.Message) && facts.ProblemTitle is { } title)
        {
            label = " " + title;
        }

        return string.IsNullOrWhiteSpace(facts.Message)
            ? $"{status}{label} (no error message)"
            : MessageText.Clean($"{status}{label}: {facts.Message}");
    }

    private static string CloudflarePage(int status) => status switch
    {
        522 => "connection to the origin timed out",
        524 => "the origin did not answer in time",
        520 or 521 or 523 or 525 or 526 => "the origin is down or unreachable",
        _ => "error page",
    };

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
