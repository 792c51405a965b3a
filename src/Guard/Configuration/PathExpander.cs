namespace Guard.Configuration;

/// <summary>Expands a leading <c>~</c> and <c>$VAR</c> / <c>${VAR}</c> references in configured paths.</summary>
public static class PathExpander
{
    public static string Expand(string path, Func<string, string?>? getEnv = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        getEnv ??= Environment.GetEnvironmentVariable;
        var expanded = ExpandVariables(path, getEnv);
        if (expanded == "~" || expanded.StartsWith("~/", StringComparison.Ordinal))
        {
            var home = getEnv("HOME");
            if (string.IsNullOrEmpty(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            expanded = home + expanded[1..];
        }

        return expanded;
    }

    private static string ExpandVariables(string value, Func<string, string?> getEnv)
    {
        if (!value.Contains('$', StringComparison.Ordinal))
        {
            return value;
        }

        var result = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$' || i + 1 >= value.Length)
            {
                result.Append(value[i]);
                continue;
            }

            var braced = value[i + 1] == '{';
            var start = braced ? i + 2 : i + 1;
            var end = start;
            while (end < value.Length && (char.IsAsciiLetterOrDigit(value[end]) || value[end] == '_'))
            {
                end++;
            }

            if (end == start || (braced && (end >= value.Length || value[end] != '}')))
            {
                result.Append(value[i]);
                continue;
            }

            result.Append(getEnv(value[start..end]) ?? "");
            i = braced ? end : end - 1;
        }

        return result.ToString();
    }
}
