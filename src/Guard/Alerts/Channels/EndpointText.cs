namespace Guard.Alerts.Channels;

/// <summary>How an endpoint appears in logs and output: the path and query carry tokens, so only scheme and host.</summary>
public static class EndpointText
{
    public static string Mask(Uri? url) => url is null ? "-" : $"{url.Scheme}://{url.Authority}/***";
}
