namespace Guard.Configuration;

/// <summary>URLs with <c>user:password@</c>: rejected in configuration, stripped wherever a URL is shown.</summary>
public static class UrlCredentials
{
    /// <summary>True when the URL carries user info, or could (an '@' in the authority of an unparsable URL).</summary>
    public static bool HasUserInfo(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return uri.UserInfo.Length > 0;
        }

        var start = url.IndexOf("//", StringComparison.Ordinal);
        var authority = start < 0 ? url : url[(start + 2)..];
        var end = authority.IndexOfAny(['/', '?', '#']);
        return (end < 0 ? authority : authority[..end]).Contains('@', StringComparison.Ordinal);
    }

    /// <summary>The URL without its user info, for printing.</summary>
    public static string? Strip(string? url)
    {
        if (!HasUserInfo(url))
        {
            return url;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : "(a URL with credentials, not shown)";
    }
}
