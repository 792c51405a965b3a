namespace Guard.Drill;

/// <summary>
/// OpenAI-compatible providers for the outage drill: healthy <c>GET /{name}/v1/models</c> and chat replies until
/// <see cref="Failing"/> is set, then the real "overloaded" 503 every provider sends in a bad hour.
/// </summary>
public sealed class DrillProviders
{
    private const string Overloaded =
        """{"error":{"message":"That model is currently overloaded with other requests. You can retry your request.","type":"service_unavailable_error","param":null,"code":"server_is_overloaded"}}""";

    private volatile bool _failing;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public (int Status, string Body) Answer(string method, string path, string body)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (_failing)
        {
            return (503, Overloaded);
        }

        // Path: /{provider}/v1/models or /{provider}/v1/chat/completions; the model id is the provider's "drill-<name>".
        var name = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "x";
        var model = "drill-" + name;
        if (method == "GET" && path.EndsWith("/v1/models", StringComparison.Ordinal))
        {
            return (200, $$"""{"object":"list","data":[{"id":"{{model}}","object":"model","created":1721172741,"owned_by":"drill"}]}""");
        }

        if (method == "POST" && path.EndsWith("/v1/chat/completions", StringComparison.Ordinal))
        {
            return (200, "{\"id\":\"chatcmpl-drill\",\"object\":\"chat.completion\",\"created\":1770890400,\"model\":\"" + model +
                "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"P\"},\"finish_reason\":\"length\"}]," +
                "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":1,\"total_tokens\":9}}");
        }

        return (404, """{"error":{"message":"Unknown path","type":"invalid_request_error","param":null,"code":"unknown_url"}}""");
    }
}
