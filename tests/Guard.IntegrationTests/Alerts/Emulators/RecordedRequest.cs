using System.Text.Json;

namespace Guard.IntegrationTests.Alerts.Emulators;

/// <summary>One request as an emulator received it: everything a test may want to assert on.</summary>
public sealed record RecordedRequest(
    string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    /// <summary>Raw query string as sent (with its leading '?').</summary>
    public string RawQuery { get; init; } = "";

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;
}
