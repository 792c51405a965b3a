using System.Collections.Concurrent;
using System.Text.Json;
using Guard.IntegrationTests.Probing;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// OpenAI-compatible providers <c>p1…pN</c> on one loopback server, as OpenClaw calls them: <c>POST
/// /{id}/v1/chat/completions</c> with <c>stream: true</c> answered by SSE chunks, a usage chunk and <c>data: [DONE]</c>;
/// <c>GET /{id}/v1/models</c> for Guard's reach probe. Each provider checks its own key (a wrong or missing key gets
/// OpenAI's 401 <c>invalid_api_key</c>, so a redaction marker sent as a key shows) and can be switched between
/// behaviours while the gateway runs.
/// </summary>
public sealed class ScriptedModelProviders : IAsyncDisposable
{
    public const int PromptTokens = 120;
    public const int CompletionTokens = 7;

    private readonly ScriptedProviderServer _server;
    private readonly ConcurrentDictionary<string, ProviderBehaviour> _behaviour = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _served = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<GatewayCall> _gatewayCalls = new();

    private readonly Dictionary<string, ChainModel> _models;
    private readonly List<string> _order;

    private ScriptedModelProviders(ScriptedProviderServer server, IReadOnlyList<ChainModel> chain)
    {
        _server = server;
        _models = chain.ToDictionary(m => m.Provider, StringComparer.Ordinal);
        _order = [.. chain.Select(m => m.Provider)];
        Keys = chain.ToDictionary(m => m.Provider, m => m.Key, StringComparer.Ordinal);
    }

    /// <summary>Provider id → the only key it accepts.</summary>
    public IReadOnlyDictionary<string, string> Keys { get; }

    public string BaseUrl => _server.BaseUrl;

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

    public static async Task<ScriptedModelProviders> StartAsync(IReadOnlyList<ChainModel> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var providers = new ScriptedModelProviders(await ScriptedProviderServer.StartAsync(), chain);
        foreach (var id in providers.Keys.Keys)
        {
            providers._behaviour[id] = ProviderBehaviour.Healthy;
            providers._server
                .On("POST", $"/{id}/v1/chat/completions", request => providers.Complete(id, request))
                .On("GET", $"/{id}/v1/models", request => providers.ListModels(id, request))
                .On("GET", $"/{id}/v1/users/me/balance", request => providers.Balance(id, request)); // Moonshot's reach probe
        }

        return providers;
    }

    /// <summary>The base URL OpenClaw and Guard use for <paramref name="id"/>.</summary>
    public string ProviderUrl(string id) => $"{BaseUrl}/{id}/v1";

    public string ModelOf(string id) => _models[id].Model;

    public void Set(string id, ProviderBehaviour behaviour) => _behaviour[id] = behaviour;

    public void SetAll(ProviderBehaviour behaviour)
    {
        foreach (var id in Keys.Keys)
        {
            Set(id, behaviour);
        }
    }

    /// <summary>The incident of 2026-02-12: the primary out of quota, the fallbacks forbidden, one hanging.</summary>
    public void ApplyIncidentShape(string hanging)
    {
        Set(_order[0], ProviderBehaviour.QuotaExhausted);
        foreach (var id in _order.Skip(1))
        {
            Set(id, id == hanging ? ProviderBehaviour.Hang : ProviderBehaviour.Forbidden);
        }
    }

    /// <summary>Completions answered successfully, per provider.</summary>
    public int Served(string id) => _served.GetValueOrDefault(id);

    /// <summary>Every streaming completion (the gateway's, not Guard's probes) with what it was answered and when it arrived.</summary>
    public IReadOnlyList<GatewayCall> GatewayCalls => [.. _gatewayCalls];

    public IReadOnlyList<RecordedRequest> CompletionsTo(string id) => _server.RequestsTo("POST", $"/{id}/v1/chat/completions");

    public IReadOnlyList<RecordedRequest> RequestsTo(string id) => [.. _server.Requests.Where(r => r.Path.StartsWith($"/{id}/", StringComparison.Ordinal))];

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private ScriptedResponse Complete(string id, RecordedRequest request)
    {
        if (Unauthorized(id, request) is { } refused)
        {
            return refused;
        }

        var behaviour = _behaviour[id];
        if (IsStreaming(request))
        {
            _gatewayCalls.Enqueue(new GatewayCall(id, behaviour, DateTimeOffset.UtcNow)); // OpenClaw streams; Guard's deep probe does not
        }

        switch (behaviour)
        {
            case ProviderBehaviour.QuotaExhausted:
                return ScriptedResponse.Json(429, """{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""");
            case ProviderBehaviour.Forbidden:
                return Forbidden();
            case ProviderBehaviour.Hang:
                return ScriptedResponse.Hang();
            case ProviderBehaviour.ServerError:
                return ServerError();
            default:
                _served.AddOrUpdate(id, 1, (_, n) => n + 1);
                return Stream(id, request);
        }
    }

    private ScriptedResponse ListModels(string id, RecordedRequest request)
    {
        if (Unauthorized(id, request) is { } refused)
        {
            return refused;
        }

        return _behaviour[id] switch
        {
            ProviderBehaviour.Forbidden => Forbidden(),
            ProviderBehaviour.Hang => ScriptedResponse.Hang(),
            ProviderBehaviour.ServerError => ServerError(),
            _ => ScriptedResponse.Json(200, $$"""{"object":"list","data":[{"id":"{{ModelOf(id)}}","object":"model","created":1700000000,"owned_by":"{{id}}"}]}"""),
        };
    }

    private ScriptedResponse Balance(string id, RecordedRequest request) =>
        Unauthorized(id, request) ?? _behaviour[id] switch
        {
            ProviderBehaviour.Forbidden => Forbidden(),
            ProviderBehaviour.Hang => ScriptedResponse.Hang(),
            ProviderBehaviour.ServerError => ServerError(),
            ProviderBehaviour.QuotaExhausted => ScriptedResponse.Json(200, """{"code":0,"data":{"available_balance":0,"voucher_balance":0,"cash_balance":0},"scode":"0x0","status":true}"""),
            _ => ScriptedResponse.Json(200, """{"code":0,"data":{"available_balance":49.58894,"voucher_balance":46.58893,"cash_balance":3.00001},"scode":"0x0","status":true}"""),
        };

    private ScriptedResponse? Unauthorized(string id, RecordedRequest request) =>
        request.Header("Authorization") == $"Bearer {Keys[id]}"
            ? null
            : ScriptedResponse.Json(401, """{"error":{"message":"Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""");

    private static ScriptedResponse Forbidden() =>
        ScriptedResponse.Json(403, """{"error":{"message":"Country, region, or territory not supported","type":"request_forbidden","param":null,"code":"unsupported_country_region_territory"}}""");

    private static ScriptedResponse ServerError() =>
        ScriptedResponse.Json(503, """{"error":{"message":"The server is overloaded or not ready yet.","type":"server_error","param":null,"code":null}}""");

    private static bool IsStreaming(RecordedRequest request)
    {
        try
        {
            using var json = JsonDocument.Parse(request.Body);
            return json.RootElement.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return true; // Not JSON: answer as a stream anyway; the caller's own error shows in its log.
        }
    }

    /// <summary>Streams when asked to (OpenClaw always does); a plain completion otherwise.</summary>
    private ScriptedResponse Stream(string id, RecordedRequest request)
    {
        var model = ModelOf(id);
        var streaming = IsStreaming(request);

        var usage = $$"""{"prompt_tokens":{{PromptTokens}},"completion_tokens":{{CompletionTokens}},"total_tokens":{{PromptTokens + CompletionTokens}}}""";
        if (!streaming)
        {
            return ScriptedResponse.Json(200, $$"""{"id":"cmpl-{{id}}","object":"chat.completion","created":1700000000,"model":"{{model}}","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],"usage":{{usage}}}""");
        }

        var head = $$"""{"id":"chatcmpl-{{id}}","object":"chat.completion.chunk","created":1700000000,"model":"{{model}}",""";
        var body =
            $"data: {head}\"choices\":[{{\"index\":0,\"delta\":{{\"role\":\"assistant\",\"content\":\"Hello from {id}\"}},\"finish_reason\":null}}]}}\n\n" +
            $"data: {head}\"choices\":[{{\"index\":0,\"delta\":{{}},\"finish_reason\":\"stop\"}}]}}\n\n" +
            $"data: {head}\"choices\":[],\"usage\":{usage}}}\n\n" +
            "data: [DONE]\n\n";
        return ScriptedResponse.Text(200, body, "text/event-stream");
    }
}
