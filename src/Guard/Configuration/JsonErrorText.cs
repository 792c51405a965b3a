using System.Text.Json;

namespace Guard.Configuration;

/// <summary>A JSON parse error as "file, line L, column C: what" (1-based), found anywhere in an exception chain.</summary>
public static partial class JsonErrorText
{
    public static string? Describe(string file, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return Describe(file, json);
            }
        }

        return null;
    }

    public static string Describe(string file, JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var line = (exception.LineNumber ?? 0) + 1;
        var column = (exception.BytePositionInLine ?? 0) + 1;
        return $"{file}, line {line}, column {column}: {Reason(exception)}";
    }

    /// <summary>The parser's message without its trailing "Path: … | LineNumber: … | BytePositionInLine: …".</summary>
    public static string Reason(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        return Quoted().Replace((cut < 0 ? message : message[..cut]).Trim().TrimEnd('.'), HideToken);
    }

    /// <summary>
    /// The parser quotes the bad token ("'nvapi-…' is an invalid JSON literal"): an unquoted key pasted as a value
    /// would reach the journal. One character and the literal it expected are kept.
    /// </summary>
    private static string HideToken(System.Text.RegularExpressions.Match match)
    {
        var token = match.Groups[1].Value;
        return token.Length <= 1 || token is "true" or "false" or "null" ? match.Value : "'…'";
    }

    [System.Text.RegularExpressions.GeneratedRegex("'([^']*)'")]
    private static partial System.Text.RegularExpressions.Regex Quoted();
}
