namespace Guard.Probing.Keys;

/// <summary>Where provider keys come from: the environment variable a model names (never inline config).</summary>
public interface IApiKeySource
{
    /// <summary>The key, or null/empty when the variable is unset or empty.</summary>
    string? GetKey(string variableName);
}
