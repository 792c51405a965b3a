using System.Text.Json;
using Guard.Configuration;
using Guard.Probing.Classification;
using Guard.Probing.Http;

namespace Guard.Probing.Providers;

/// <summary>Anthropic Messages API (and compatibles). Reach: <c>GET /v1/models/{model}</c>. Deep: a one-token message.</summary>
internal sealed class AnthropicMessagesAdapter(ProbeHttpExecutor http, ProbeTuning tuning) : IProviderAdapter
{
    public const string Version = "2023-06-01";

    public string Api => ApiKinds.AnthropicMessages;

    public async Task<AttemptOutcome> ProbeAsync(ProbeAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var call = attempt.Tier == ProbeTier.Deep
            ? new ProbeCall("messages", Request(attempt, HttpMethod.Post, "/messages", MessageBody(attempt.Model.Model)), tuning.MaxBodyBytes, ReadMessage)
            : new ProbeCall("model", Request(attempt, HttpMethod.Get, "/models/" + Uri.EscapeDataString(attempt.Model.Model), null), tuning.MaxBodyBytes, ReadModel);
        return await http.SendAsync(attempt, call, cancellationToken);
    }

    private static byte[] MessageBody(string model) =>
        ProbeRequests.Json(writer =>
        {
            writer.WriteString("model", model);
            writer.WriteNumber("max_tokens", 1);
            ProbeRequests.WritePingMessages(writer);
        });

    private static StepVerdict ReadModel(ProviderResponse response) => SuccessBodies.Read(
        response, objectRoot: true, static (_, root) => StepVerdict.Healthy($"{SuccessBodies.String(root, "id") ?? "model"} is available"));

    private static StepVerdict ReadMessage(ProviderResponse response) => SuccessBodies.Read(response, objectRoot: true, Message);

    private static StepVerdict Message(ProviderResponse response, JsonElement root)
    {
        // A message has a content array; with the 1-token budget it holds a block, and an empty one is only a
        // success when the model said it stopped (stop_reason).
        var stop = SuccessBodies.String(root, "stop_reason");
        if (!root.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array
            || (content.GetArrayLength() == 0 && stop is null))
        {
            return SuccessBodies.Malformed(response, "no content block in the message");
        }

        return stop == "refusal"
            ? StepVerdict.Failed(FailureKind.ContentFiltered, "stop_reason refusal")
            : StepVerdict.Healthy($"stop_reason {stop ?? "none"}");
    }

    private static HttpRequestMessage Request(ProbeAttempt attempt, HttpMethod method, string path, byte[]? body)
    {
        // Bundled base is the bare host; compatibles (Zhipu, Moonshot) give a prefix; some include /v1 already.
        var root = attempt.BaseUrl.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? attempt.BaseUrl : attempt.BaseUrl + "/v1";
        var request = ProbeRequests.Create(method, root + path, attempt.Model, body);
        ProbeRequests.SetHeader(request, "x-api-key", attempt.ApiKey);
        ProbeRequests.SetHeaderIfAbsent(request, "anthropic-version", Version);
        return request;
    }
}
