using Guard.Probing.Keys;

namespace Guard.Drill;

/// <summary>
/// Hands every model the same deliberately wrong key of the usual <c>sk-…</c> shape. It is a constant, never read from
/// or derived from the real key, so a drill cannot leak or spend it — and models without a key are still tested.
/// </summary>
public sealed class CorruptedApiKeySource : IApiKeySource
{
    public const string Key = "sk-guard-drill-0000000000000000000000000000000000000000000000000000";

    public string? GetKey(string variableName) => Key;
}
