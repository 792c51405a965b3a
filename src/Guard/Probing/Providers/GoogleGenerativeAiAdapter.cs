using System.Text.Json;
using Guard.Configuration;
using Guard.Probing.Classification;
using Guard.Probing.Http;

namespace Guard.Probing.Providers;

/// <summary>Native Gemini API. Reach: <c>GET /models/{model}</c>. Deep: <c>:generateContent</c> with one output token.</summary>
internal sealed class GoogleGenerativeAiAdapter(ProbeHttpExecutor http, ProbeTuning tuning) : IProviderAdapter
{
    private static readonly string[] BlockedFinishReasons = ["SAFETY", "RECITATION", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "IMAGE_SAFETY"];

    public string Api => ApiKinds.GoogleGenerativeAi;

    public async Task<AttemptOutcome> ProbeAsync(ProbeAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var model = attempt.Model.Model.StartsWith("models/", StringComparison.OrdinalIgnoreCase) ? attempt.Model.Model[7..] : attempt.Model.Model;
        var path = "/models/" + Uri.EscapeDataString(model);
        var call = attempt.Tier == ProbeTier.Deep
            ? new ProbeCall("generateContent", Request(attempt, HttpMethod.Post, path + ":generateContent", GenerateBody(model)), tuning.MaxBodyBytes, ReadGeneration)
            : new ProbeCall("model", Request(attempt, HttpMethod.Get, path, null), tuning.MaxBodyBytes, ReadModel);
        return await http.SendAsync(attempt, call, cancellationToken);
    }

    private static byte[] GenerateBody(string model) =>
        ProbeRequests.Json(writer =>
        {
            writer.WriteStartArray("contents");
            writer.WriteStartObject();
            writer.WriteString("role", "user");
            writer.WriteStartArray("parts");
            writer.WriteStartObject();
            writer.WriteString("text", "ping");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteStartObject("generationConfig");
            writer.WriteNumber("maxOutputTokens", 1);
            var (budget, level) = GeminiThinking.For(model);
            if (budget is not null || level is not null)
            {
                writer.WriteStartObject("thinkingConfig");
                if (budget is { } b)
                {
                    writer.WriteNumber("thinkingBudget", b);
                }

                if (level is not null)
                {
                    writer.WriteString("thinkingLevel", level);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });

    private static StepVerdict ReadModel(ProviderResponse response) => SuccessBodies.Read(
        response, objectRoot: true, static (_, root) => StepVerdict.Healthy($"{SuccessBodies.String(root, "name") ?? "model"} is available"));

    /// <summary>Safety blocks arrive as HTTP 200; MAX_TOKENS with no text is the expected healthy answer.</summary>
    private static StepVerdict ReadGeneration(ProviderResponse response) => SuccessBodies.Read(response, objectRoot: true, Generation);

    private static StepVerdict Generation(ProviderResponse response, JsonElement root)
    {
        if (root.TryGetProperty("promptFeedback", out var feedback) && SuccessBodies.String(feedback, "blockReason") is { } block)
        {
            return StepVerdict.Failed(FailureKind.ContentFiltered, $"promptFeedback.blockReason {block}");
        }

        // Without a block reason, a generation has a candidate (MAX_TOKENS with no text is still one).
        if (!SuccessBodies.TryFirstObject(root, "candidates", out var candidate))
        {
            return SuccessBodies.Malformed(response, "no candidate in the generation");
        }

        var finish = SuccessBodies.String(candidate, "finishReason");
        return finish is not null && BlockedFinishReasons.Contains(finish)
            ? StepVerdict.Failed(FailureKind.ContentFiltered, $"finishReason {finish}")
            : StepVerdict.Healthy($"finishReason {finish ?? "none"}");
    }

    private static HttpRequestMessage Request(ProbeAttempt attempt, HttpMethod method, string path, byte[]? body)
    {
        var request = ProbeRequests.Create(method, attempt.BaseUrl + path, attempt.Model, body);

        // Header, not ?key=: keeps the key out of URLs and therefore out of every log that prints one.
        ProbeRequests.SetHeader(request, "x-goog-api-key", attempt.ApiKey);
        return request;
    }
}
