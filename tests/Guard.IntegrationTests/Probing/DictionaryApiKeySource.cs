using Guard.Probing.Keys;

namespace Guard.IntegrationTests.Probing;

/// <summary>Keys without touching the process environment, so tests can run in parallel.</summary>
internal sealed class DictionaryApiKeySource(IReadOnlyDictionary<string, string> keys) : IApiKeySource
{
    public string? GetKey(string variableName) => keys.GetValueOrDefault(variableName);
}
