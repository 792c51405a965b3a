using System.Text.Json;
using Guard.Configuration;
using Guard.Probing.Classification;
using Guard.Probing.Http;

namespace Guard.Probing.Providers;

/// <summary>
/// OpenAI-compatible chat APIs. Reach: the provider's zero-token quota endpoint where one exists
/// (Moonshot balance, OpenRouter key), then <c>GET /models</c>. Deep: a one-token chat completion.
/// </summary>
internal sealed class OpenAiCompletionsAdapter(ProbeHttpExecutor http, ProbeTuning tuning) : IProviderAdapter
{
    public string Api => ApiKinds.OpenAiCompletions;

    public async Task<AttemptOutcome> ProbeAsync(ProbeAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (attempt.Tier == ProbeTier.Deep)
        {
            return await http.SendAsync(attempt, Chat(attempt), cancellationToken);
        }

        ProviderQuotaReply? reply = null;
        if (QuotaCall(attempt) is { } quota)
        {
            var outcome = await http.SendAsync(attempt, quota, cancellationToken);
            if (!outcome.Ok)
            {
                return outcome;
            }

            reply = outcome.QuotaReply;
        }

        // The models step decides health; the quota reply rides along for the quota watch.
        return await http.SendAsync(attempt, Models(attempt), cancellationToken) with { QuotaReply = reply };
    }

    private ProbeCall? QuotaCall(ProbeAttempt attempt)
    {
        var host = new Uri(attempt.BaseUrl).Host;
        return attempt.Family switch
        {
            // Kimi Code (api.kimi.com) bills separately and has no balance endpoint.
            ProviderFamily.Moonshot when !host.EndsWith("kimi.com", StringComparison.OrdinalIgnoreCase) =>
                new ProbeCall("balance", Get(attempt, "/users/me/balance"), tuning.MaxBodyBytes, MoonshotBalance),
            ProviderFamily.OpenRouter => new ProbeCall("key", Get(attempt, "/key"), tuning.MaxBodyBytes, OpenRouterKey),
            _ => null,
        };
    }

    private ProbeCall Models(ProbeAttempt attempt)
    {
        var model = attempt.Model.Model;
        return new ProbeCall("models", Get(attempt, "/models"), tuning.MaxModelListBytes, response =>
        {
            var scan = ModelListScanner.Scan(response.Body.Span, response.Truncated, model);
            return scan switch
            {
                // A body that did not end within the cap (an endless or absurd list) proves nothing: a broken
                // proxy can stream "[{"id":…}" forever. Not usable, and said why (issue 14).
                _ when response.Truncated => StepVerdict.Failed(FailureKind.Unknown,
                    $"HTTP {response.Status} model list did not end within {response.Body.Length} bytes (cut off): not read as a usable list"),
                { IsJson: false } => StepVerdict.Failed(FailureKind.Unknown, $"HTTP {response.Status} with a non-JSON model list ({response.ContentType})"),
                { HasError: true } => StepVerdict.ProviderError,
                { Found: true } => StepVerdict.Healthy($"{model} is listed"),

                // Whole JSON but no list in it (null, {}, a completion): not the provider's model list.
                { HasList: false } when !response.Truncated => SuccessBodies.Malformed(response, "no model list"),

                // A paged list cannot prove absence; the key and endpoint still answered.
                { Complete: false } => StepVerdict.Healthy($"{model} not seen in the first {scan.Count} models of a paged list"),
                _ => StepVerdict.Failed(FailureKind.ModelNotFound, $"{model} is not among the {scan.Count} models the provider lists"),
            };
        });
    }

    private ProbeCall Chat(ProbeAttempt attempt)
    {
        var request = Authorized(attempt, HttpMethod.Post, "/chat/completions", OpenAiChatBody.For(attempt.Model, attempt.Family));
        return new ProbeCall("chat", request, tuning.MaxBodyBytes, ReadCompletion);
    }

    private static StepVerdict ReadCompletion(ProviderResponse response) => SuccessBodies.Read(response, objectRoot: true, Completion);

    private static StepVerdict Completion(ProviderResponse response, JsonElement root)
    {
        // A completion always has a choice, even when max_tokens cut it to nothing.
        if (!SuccessBodies.TryFirstObject(root, "choices", out var choice))
        {
            return SuccessBodies.Malformed(response, "no choice in the completion");
        }

        var finish = SuccessBodies.String(choice, "finish_reason");
        return finish is "content_filter" or "sensitive"
            ? StepVerdict.Failed(FailureKind.ContentFiltered, $"finish_reason {finish}")
            : StepVerdict.Healthy($"finish_reason {finish ?? "none"}");
    }

    private static StepVerdict MoonshotBalance(ProviderResponse response) =>
        ReadNumber(response, "available_balance", balance => balance <= 0
            ? StepVerdict.Failed(FailureKind.QuotaExhausted, $"Moonshot available_balance is {balance} (inference refused at <= 0)")
            : StepVerdict.Healthy($"available_balance {balance}"));

    private static StepVerdict OpenRouterKey(ProviderResponse response) =>
        ReadNumber(response, "limit_remaining", remaining => remaining <= 0
            ? StepVerdict.Failed(FailureKind.QuotaExhausted, $"OpenRouter key limit_remaining is {remaining}")
            : StepVerdict.Healthy($"limit_remaining {remaining}"));

    /// <summary>Reads <c>data.{name}</c>; a missing or null value (unlimited key) is healthy.</summary>
    private static StepVerdict ReadNumber(ProviderResponse response, string name, Func<decimal, StepVerdict> judge) =>
        SuccessBodies.Read(response, objectRoot: false, (_, root) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data)
            && data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
                ? judge(number)
                : StepVerdict.Healthy($"{name} not reported"));

    private static HttpRequestMessage Get(ProbeAttempt attempt, string path) => Authorized(attempt, HttpMethod.Get, path, null);

    private static HttpRequestMessage Authorized(ProbeAttempt attempt, HttpMethod method, string path, byte[]? body)
    {
        var request = ProbeRequests.Create(method, attempt.BaseUrl + path, attempt.Model, body);
        ProbeRequests.SetHeader(request, "Authorization", "Bearer " + attempt.ApiKey);
        return request;
    }
}
