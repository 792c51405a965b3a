using Guard.Probing.Classification;
using Guard.Probing.Providers;
using Microsoft.Extensions.Logging;

namespace Guard.Probing.Http;

/// <summary>
/// Sends one probe request, reads a bounded body, judges it (adapter for 2xx, classifier otherwise)
/// and writes exactly one log record for it. Never throws for provider or transport failures;
/// cancellation (the probe's timeout or the caller's token) propagates.
/// </summary>
internal sealed class ProbeHttpExecutor(
    IHttpClientFactory clients, FailureClassifier classifier, TimeProvider timeProvider, ILogger<ProbeHttpExecutor> logger)
{
    public async Task<AttemptOutcome> SendAsync(ProbeAttempt attempt, ProbeCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(call);
        var started = timeProvider.GetTimestamp();
        AttemptOutcome outcome;
        try
        {
            using var request = call.Request;
            var client = clients.CreateClient(ProbeHttpClient.Name);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var (body, truncated) = await BoundedContentReader.ReadAsync(response.Content, call.MaxBodyBytes, cancellationToken);
            outcome = Judge(attempt, call, ToProviderResponse(response, body, truncated));
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            if (!attempt.CallerToken.IsCancellationRequested)
            {
                // The probe's own timeout: log it here, the pipeline turns it into the result.
                Log(attempt, call.Step, AttemptOutcome.Failure(FailureKind.Timeout, "no answer before the probe timeout", rule: "probe.timeout") with
                {
                    Latency = timeProvider.GetElapsedTime(started),
                });
            }

            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new OperationCanceledException("Probe attempt cancelled.", ex, cancellationToken);
        }
        catch (Exception ex)
        {
            var failure = classifier.ClassifyException(ex);
            outcome = AttemptOutcome.Failure(failure.Kind, failure.Message, rule: failure.Rule);
        }

        outcome = outcome with
        {
            Latency = timeProvider.GetElapsedTime(started),
            Message = MessageText.Clean(outcome.Message, attempt.ApiKey),
        };
        Log(attempt, call.Step, outcome);
        return outcome;
    }

    private AttemptOutcome Judge(ProbeAttempt attempt, ProbeCall call, ProviderResponse response)
    {
        var requestId = ResponseMetadata.RequestId(response);
        var rateLimits = ResponseMetadata.RateLimitHeaders(response);
        if (response.Status is >= 200 and < 300)
        {
            var verdict = call.Interpret(response);
            if (!verdict.IsProviderError)
            {
                return new AttemptOutcome
                {
                    Ok = verdict.Ok,
                    Kind = verdict.Kind,
                    HttpStatus = response.Status,
                    Message = verdict.Message,
                    ResetAt = verdict.ResetAt,
                    RequestId = requestId,
                    Rule = verdict.Ok ? null : call.Step + ".body",
                    RateLimitHeaders = rateLimits,
                    QuotaReply = call.Step is "balance" or "key" or ZhipuPlanReply.Step ? new ProviderQuotaReply(call.Step, response.Body, timeProvider.GetUtcNow()) : null,
                };
            }
        }

        var classification = classifier.Classify(attempt.Family, response, timeProvider.GetUtcNow());
        return new AttemptOutcome
        {
            Ok = false,
            Kind = classification.Kind,
            HttpStatus = response.Status,
            Message = classification.Message,
            RetryAfter = classification.RetryAfter,
            ResetAt = classification.ResetAt,
            IsUndetailedRateLimit = classification.IsUndetailedRateLimit,
            Rule = classification.Rule,
            RequestId = requestId ?? classification.BodyRequestId,
            RateLimitHeaders = rateLimits,
        };
    }

    private static ProviderResponse ToProviderResponse(HttpResponseMessage response, byte[] body, bool truncated)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = string.Join(", ", values);
        }

        return new ProviderResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, headers)
        {
            Truncated = truncated,
        };
    }

    private void Log(ProbeAttempt attempt, string step, AttemptOutcome outcome)
    {
        var model = attempt.Model;
        var latencyMs = (long)outcome.Latency.TotalMilliseconds;
        if (outcome.Ok)
        {
            logger.StepSucceeded(model.Id, attempt.Tier, step, model.Provider, outcome.HttpStatus, latencyMs, attempt.Number, outcome.RequestId);
            return;
        }

        logger.StepFailed(
            model.Id, attempt.Tier, step, outcome.Kind ?? FailureKind.Unknown, model.Provider, outcome.HttpStatus, latencyMs,
            attempt.Number, outcome.RetryAfter, outcome.ResetAt, outcome.RequestId, outcome.Rule ?? "none", outcome.Message);
    }
}
