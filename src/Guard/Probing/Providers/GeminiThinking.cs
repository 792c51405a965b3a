namespace Guard.Probing.Providers;

/// <summary>
/// The single place that knows which Gemini models take which thinking setting (providers.md §1):
/// 2.5 Flash/Flash-Lite can turn thinking off (budget 0); 2.5 Pro cannot (minimum 128) so gets nothing;
/// Gemini 3 uses a level instead of a budget; older models reject thinkingConfig.
/// </summary>
internal static class GeminiThinking
{
    public static (int? Budget, string? Level) For(string model)
    {
        var name = model.StartsWith("models/", StringComparison.OrdinalIgnoreCase) ? model[7..] : model;
        name = name.ToLowerInvariant();
        if (name.StartsWith("gemini-3", StringComparison.Ordinal))
        {
            return (null, "low");
        }

        return name.StartsWith("gemini-2.5-flash", StringComparison.Ordinal) ? (0, null) : (null, null);
    }
}
