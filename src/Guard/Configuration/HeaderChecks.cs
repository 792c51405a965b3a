namespace Guard.Configuration;

/// <summary>
/// Extra probe headers: a name must be an HTTP token, a value must hold no control character (a CR/LF would let
/// one header smuggle a second), and credentials never go inline — Guard adds the key from ApiKeyEnv itself.
/// </summary>
public static class HeaderChecks
{
    private static readonly string[] CredentialHeaders = ["Authorization", "Proxy-Authorization", "x-api-key", "x-goog-api-key", "api-key", "Cookie"];

    public static IEnumerable<ConfigProblem> Check(IReadOnlyDictionary<string, string> headers, string path)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (var (name, value) in headers)
        {
            var key = $"{path}:{name}";
            if (!IsToken(name))
            {
                yield return new(key, null, "is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)");
            }
            else if (IsCredential(name))
            {
                yield return new(key, null, "a credential header cannot be configured inline; put the key in the environment variable named by ApiKeyEnv (Guard sends it in the provider's auth header)");
            }

            if (!IsSafeValue(value))
            {
                // Not echoed: the value may be a pasted secret.
                yield return new(key, null, "the value contains a control character (CR, LF, …); one header line only");
            }
        }
    }

    public static bool IsCredential(string name) =>
        CredentialHeaders.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Visible ASCII/UTF-8 text, spaces and tabs only.</summary>
    public static bool IsSafeValue(string? value) =>
        value is null || !value.Any(c => c == '\u007f' || (c < ' ' && c != '\t') || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator);

    public static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
