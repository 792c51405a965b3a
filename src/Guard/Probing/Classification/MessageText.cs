using System.Text;
using System.Text.RegularExpressions;

namespace Guard.Probing.Classification;

/// <summary>Makes provider text safe to store and log: one line, capped, with secrets removed.</summary>
public static partial class MessageText
{
    public const int MaxLength = 300;

    private const string Redacted = "[redacted]";

    /// <summary>Collapses whitespace, strips key-looking tokens and the literal <paramref name="secret"/>, caps the length.</summary>
    public static string Clean(string? text, string? secret = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // The literal key goes first, before whitespace folding could split a match.
        if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        text = KeyLike().Replace(text, Redacted);
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c) || char.IsControl(c);
            if (isSpace && (lastWasSpace || builder.Length == 0))
            {
                continue;
            }

            builder.Append(isSpace ? ' ' : c);
            lastWasSpace = isSpace;
            if (builder.Length > MaxLength)
            {
                break;
            }
        }

        var line = builder.ToString().TrimEnd();
        return line.Length > MaxLength ? string.Concat(line.AsSpan(0, MaxLength - 1), "…") : line;
    }

    /// <summary>Common key shapes (OpenAI/Anthropic/OpenRouter/Moonshot sk-…, Google AIza…), as a net under the literal replace.</summary>
    [GeneratedRegex(@"\b(?:sk-[A-Za-z0-9_\-]{16,}|AIza[0-9A-Za-z_\-]{30,})", RegexOptions.CultureInvariant)]
    private static partial Regex KeyLike();
}
