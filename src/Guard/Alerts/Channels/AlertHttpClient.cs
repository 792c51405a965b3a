namespace Guard.Alerts.Channels;

/// <summary>The named HttpClient the HTTP channels share (no redirects: one would carry the token elsewhere).</summary>
public static class AlertHttpClient
{
    public const string Name = "Guard.Alerts";

    /// <summary>Default per-attempt timeout for HTTP channels.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default timeout for a Command channel's program.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Replies are short JSON; more than this is not worth reading.</summary>
    internal const int MaxResponseBytes = 64 * 1024;
}
