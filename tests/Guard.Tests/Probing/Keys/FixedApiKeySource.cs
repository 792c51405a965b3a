using Guard.Probing.Keys;

namespace Guard.Tests.Probing.Keys;

/// <summary>Keys from a dictionary instead of the process environment, so tests can run in parallel.</summary>
internal sealed class FixedApiKeySource(IReadOnlyDictionary<string, string> keys) : IApiKeySource
{
    public string? GetKey(string variableName) => keys.GetValueOrDefault(variableName);
}
