using System.Text;

namespace Guard.Probing.Classification;

/// <summary>What a provider answered: status, headers (case-insensitive) and the (bounded) body bytes.</summary>
public sealed record ProviderResponse(int Status, string? ContentType, ReadOnlyMemory<byte> Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The body was longer than Guard reads; JSON in it may be cut off.</summary>
    public bool Truncated { get; init; }

    /// <summary>For callers without HTTP (gateway logs, tests): a status and a body as text.</summary>
    public static ProviderResponse FromText(
        int status, string? body, IReadOnlyDictionary<string, string>? headers = null, string? contentType = "application/json")
    {
        var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            copy[name] = value;
        }

        return new ProviderResponse(status, contentType, Encoding.UTF8.GetBytes(body ?? string.Empty), copy);
    }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
