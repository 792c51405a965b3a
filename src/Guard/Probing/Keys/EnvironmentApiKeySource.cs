namespace Guard.Probing.Keys;

/// <summary>Reads keys from the process environment each time, so a fixed key is picked up without a restart.</summary>
internal sealed class EnvironmentApiKeySource : IApiKeySource
{
    public string? GetKey(string variableName) =>
        string.IsNullOrWhiteSpace(variableName) ? null : Environment.GetEnvironmentVariable(variableName);
}
