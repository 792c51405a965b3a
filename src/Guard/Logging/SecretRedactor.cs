using System.Buffers;
using System.Text.RegularExpressions;
using Guard.Configuration;

namespace Guard.Logging;

/// <summary>
/// Masks secrets in text bound for logs, state, alerts and exception text: the values Guard was
/// configured with (exact match) plus well-known credential shapes (<see cref="SecretPatterns"/>).
/// </summary>
public sealed class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>Shorter values are ignored: masking "abc" everywhere would shred ordinary text.</summary>
    public const int MinimumSecretLength = 6;

    private static readonly Regex Patterns = SecretPatterns.All();

    private readonly string[] _secrets;
    private readonly SearchValues<string>? _search;

    /// <summary>Patterns only: usable before options are loaded.</summary>
    public static SecretRedactor Default { get; } = new([]);

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = secrets
            .SelectMany(Variants)
            .Where(s => s.Length >= MinimumSecretLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(s => s.Length) // longest first: a secret containing another is masked whole
            .ToArray();
        _search = _secrets.Length > 0 ? SearchValues.Create(_secrets, StringComparison.Ordinal) : null;
    }

    /// <summary>Number of distinct secret strings (including encoded variants) this instance masks.</summary>
    public int SecretCount => _secrets.Length;

    /// <summary>
    /// Collects the configured secret values (see <see cref="ConfiguredSecrets"/>) of <paramref name="models"/> (default:
    /// the chain Guard:Models alone gives) and masks them.
    /// </summary>
    public static SecretRedactor FromOptions(GuardOptions options, Func<string, string?> getEnvironmentVariable, IEnumerable<ModelDefinition>? models = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        return new SecretRedactor(ConfiguredSecrets.Collect(options, models ?? ModelCatalog.Resolve(options, null), getEnvironmentVariable));
    }

    /// <summary>A copy of this redactor that also masks <paramref name="more"/> (e.g. keys discovered later).</summary>
    public SecretRedactor With(IEnumerable<string?> more)
    {
        ArgumentNullException.ThrowIfNull(more);
        return new SecretRedactor(_secrets.Concat(more));
    }

    /// <summary>Returns <paramref name="text"/> with every secret replaced by <see cref="Mask"/>; null becomes empty.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (_search is not null && text.AsSpan().IndexOfAny(_search) >= 0)
        {
            foreach (var secret in _secrets)
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        try
        {
            // Regex.Replace hands back the same instance when nothing matches: the common case allocates nothing.
            return Patterns.Replace(text, SecretPatterns.Replacement);
        }
        catch (RegexMatchTimeoutException)
        {
            // Never fall back to the unmasked text.
            return "[text withheld: secret redaction timed out]";
        }
    }

    // Secrets also show up URL-encoded (in query strings) and JSON-escaped (in the compact log file).
    private static IEnumerable<string> Variants(string? secret)
    {
        var value = secret?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            yield break;
        }

        yield return value;
        var escaped = Uri.EscapeDataString(value);
        if (escaped != value)
        {
            yield return escaped;
        }

        var json = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        if (json != value)
        {
            yield return json;
        }
    }
}
