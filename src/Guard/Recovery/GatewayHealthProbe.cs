namespace Guard.Recovery;

/// <summary>GET of the gateway's own liveness URL (OpenClaw ≥ 2026.3 serves /healthz). Process health only, never model health.</summary>
public sealed class GatewayHealthProbe(IHttpClientFactory httpClientFactory, TimeProvider time)
{
    public const string HttpClientName = "gateway-health";

    /// <summary>Null when healthy, else a short reason ("HTTP 503", "connection refused", "timed out").</summary>
    public async Task<string?> CheckAsync(string url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException ex)
        {
            return ex.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused" : ex.HttpRequestError.ToString();
        }
    }
}
