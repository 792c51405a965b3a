using System.Globalization;
using System.Text;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// Rewrites JSON5 (what <c>openclaw.json</c> is written in) as strict JSON for <see cref="System.Text.Json"/>:
/// comments, trailing commas, unquoted keys, single-quoted strings, line continuations, hex numbers, leading
/// '+' and bare decimal points. No NuGet JSON5 reader restores from the registry this project uses, and the
/// rewrite keeps parsing on the AOT-safe <c>JsonDocument</c>/<c>JsonNode</c> path.
/// </summary>
public static class Json5Normalizer
{
    /// <summary>Strict JSON for <paramref name="json5"/>; <see cref="FormatException"/> (with line and column) when it is not JSON5.</summary>
    /// <remarks>JSON has no Infinity or NaN: they become null.</remarks>
    public static string ToJson(string json5)
    {
        ArgumentNullException.ThrowIfNull(json5);
        var output = new StringBuilder(json5.Length + 16);
        var pendingComma = false;
        var i = 0;
        while (true)
        {
            i = SkipTrivia(json5, i);
            if (i >= json5.Length)
            {
                break;
            }

            var c = json5[i];
            switch (c)
            {
                case ',':
                    if (pendingComma)
                    {
                        throw Error(json5, i, "two commas in a row");
                    }

                    pendingComma = true;
                    i++;
                    continue;
                case '}' or ']':
                    pendingComma = false; // a trailing comma is dropped
                    output.Append(c);
                    i++;
                    continue;
            }

            if (pendingComma)
            {
                output.Append(',');
                pendingComma = false;
            }

            if (c is '{' or '[' or ':')
            {
                output.Append(c);
                i++;
            }
            else if (c is '"' or '\'')
            {
                i = ReadString(json5, i, output);
            }
            else if (c is '-' or '+' or '.' || char.IsAsciiDigit(c))
            {
                i = ReadNumber(json5, i, output);
            }
            else if (IsIdentifierStart(c))
            {
                var start = i;
                while (i < json5.Length && IsIdentifierPart(json5[i]))
                {
                    i++;
                }

                var word = json5[start..i];
                var next = SkipTrivia(json5, i);
                if (next < json5.Length && json5[next] == ':')
                {
                    output.Append('"').Append(word).Append('"');
                }
                else
                {
                    output.Append(word switch
                    {
                        "true" or "false" or "null" => word,
                        "Infinity" or "NaN" => "null",
                        _ => throw Error(json5, start, $"unexpected word '{word}'"),
                    });
                }
            }
            else
            {
                throw Error(json5, i, $"unexpected character '{c}'");
            }
        }

        return output.ToString();
    }

    private static int SkipTrivia(string s, int i)
    {
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                i++;
            }
            else if (c == '/' && i + 1 < s.Length && s[i + 1] == '/')
            {
                while (i < s.Length && s[i] is not ('\n' or '\r' or '\u2028' or '\u2029'))
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error(s, i, "unterminated /* comment");
                }

                i = end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static int ReadString(string s, int i, StringBuilder output)
    {
        var quote = s[i];
        var start = i;
        i++;
        output.Append('"');
        while (true)
        {
            if (i >= s.Length)
            {
                throw Error(s, start, "unterminated string");
            }

            var c = s[i];
            if (c == quote)
            {
                output.Append('"');
                return i + 1;
            }

            if (c == '\\')
            {
                i = ReadEscape(s, i + 1, output);
                continue;
            }

            if (c is '\n' or '\r')
            {
                throw Error(s, i, "line break inside a string (use \\ at the line end)");
            }

            AppendJsonChar(output, c);
            i++;
        }
    }

    private static int ReadEscape(string s, int i, StringBuilder output)
    {
        if (i >= s.Length)
        {
            throw Error(s, i, "unterminated escape");
        }

        var e = s[i];
        switch (e)
        {
            case '\r':
                return i + 1 < s.Length && s[i + 1] == '\n' ? i + 2 : i + 1; // line continuation
            case '\n' or '\u2028' or '\u2029':
                return i + 1;
            case 'b' or 'f' or 'n' or 'r' or 't' or '\\' or '/' or '"':
                output.Append('\\').Append(e);
                return i + 1;
            case 'u':
                if (i + 4 >= s.Length || !int.TryParse(s.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _))
                {
                    throw Error(s, i, "bad \\u escape");
                }

                output.Append('\\').Append(s, i, 5);
                return i + 5;
            case 'x':
                if (i + 2 >= s.Length || !int.TryParse(s.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
                {
                    throw Error(s, i, "bad \\x escape");
                }

                AppendJsonChar(output, (char)hex);
                return i + 3;
            case '0':
                output.Append("\\u0000");
                return i + 1;
            case 'v':
                output.Append("\\u000b");
                return i + 1;
            default:
                AppendJsonChar(output, e); // JSON5: any other escaped character stands for itself ('\'' → ')
                return i + 1;
        }
    }

    private static void AppendJsonChar(StringBuilder output, char c)
    {
        if (c == '"')
        {
            output.Append("\\\"");
        }
        else if (c == '\\')
        {
            output.Append("\\\\");
        }
        else if (c < ' ')
        {
            output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            output.Append(c);
        }
    }

    private static int ReadNumber(string s, int i, StringBuilder output)
    {
        var start = i;
        var negative = false;
        if (s[i] is '+' or '-')
        {
            negative = s[i] == '-';
            i++;
        }

        if (i < s.Length && IsIdentifierStart(s[i]))
        {
            var wordStart = i;
            while (i < s.Length && IsIdentifierPart(s[i]))
            {
                i++;
            }

            return s[wordStart..i] is "Infinity" or "NaN" ? AppendNull(output, i) : throw Error(s, start, "bad number");
        }

        if (i + 1 < s.Length && s[i] == '0' && s[i + 1] is 'x' or 'X')
        {
            var hexStart = i + 2;
            i = hexStart;
            while (i < s.Length && char.IsAsciiHexDigit(s[i]))
            {
                i++;
            }

            if (i == hexStart || !long.TryParse(s.AsSpan(hexStart, i - hexStart), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                throw Error(s, start, "bad hexadecimal number");
            }

            output.Append(negative ? "-" : "").Append(value.ToString(CultureInfo.InvariantCulture));
            return i;
        }

        var digitsStart = i;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is '.' or 'e' or 'E' || (s[i] is '+' or '-' && s[i - 1] is 'e' or 'E')))
        {
            i++;
        }

        var number = s[digitsStart..i];
        if (number.StartsWith('.'))
        {
            number = "0" + number;
        }

        number = number.Replace(".e", ".0e", StringComparison.Ordinal).Replace(".E", ".0E", StringComparison.Ordinal);
        if (number.EndsWith('.'))
        {
            number += "0";
        }

        if (number.Length == 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw Error(s, start, "bad number");
        }

        output.Append(negative ? "-" : "").Append(number);
        return i;
    }

    private static int AppendNull(StringBuilder output, int i)
    {
        output.Append("null");
        return i;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '$';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$' or '\u200C' or '\u200D';

    private static FormatException Error(string s, int index, string what)
    {
        var line = 1;
        var column = 1;
        for (var k = 0; k < Math.Min(index, s.Length); k++)
        {
            if (s[k] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new FormatException($"JSON5 line {line}, column {column}: {what}");
    }
}
