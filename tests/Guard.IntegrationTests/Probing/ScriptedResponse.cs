namespace Guard.IntegrationTests.Probing;

/// <summary>What the scripted server does for one request: answer, wait, hang, drop the connection or trickle forever.</summary>
public sealed record ScriptedResponse
{
    public int Status { get; init; } = 200;

    public string Body { get; init; } = string.Empty;

    public string? ContentType { get; init; } = "application/json";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Wait before sending anything; <see cref="Timeout.InfiniteTimeSpan"/> never answers.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Abort the connection instead of answering.</summary>
    public bool DropConnection { get; init; }

    /// <summary>Send the status and headers, then body bytes slowly and forever.</summary>
    public bool NeverEndingBody { get; init; }

    public static ScriptedResponse Json(int status, string body, params (string Name, string Value)[] headers) =>
        new() { Status = status, Body = body, Headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase) };

    public static ScriptedResponse Text(int status, string body, string contentType = "text/plain", params (string Name, string Value)[] headers) =>
        Json(status, body, headers) with { ContentType = contentType };

    public static ScriptedResponse Hang() => new() { Delay = Timeout.InfiniteTimeSpan };

    public static ScriptedResponse Drop() => new() { DropConnection = true };

    public static ScriptedResponse Trickle() => new() { NeverEndingBody = true };

    public ScriptedResponse After(TimeSpan delay) => this with { Delay = delay };
}
