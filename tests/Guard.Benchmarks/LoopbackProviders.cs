using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Guard.Benchmarks;

/// <summary>
/// An OpenAI-compatible provider on 127.0.0.1 (its own port, so Guard sees it as one provider) answering every probe
/// at once; counts requests and the most it had in flight at the same time.
/// </summary>
internal sealed class LoopbackProviders : IAsyncDisposable
{
    /// <summary>The one model every provider lists; a model probed under another name would fail its reach tier.</summary>
    public const string ModelName = "m";

    private static readonly byte[] Models = """{"object":"list","data":[{"id":"m","object":"model"}]}"""u8.ToArray();
    private static readonly byte[] Completion =
        """{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"h"},"finish_reason":"length"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}"""u8.ToArray();

    private readonly WebApplication _app;
    private long _requests;
    private int _inFlight;
    private int _maxInFlight;

    private readonly TimeSpan _latency;

    private LoopbackProviders(WebApplication app, TimeSpan latency)
    {
        _app = app;
        _latency = latency;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Most requests this provider was serving at once since start (or the last <see cref="ResetMaxInFlight"/>).</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public void ResetMaxInFlight() => Volatile.Write(ref _maxInFlight, 0);

    /// <param name="latency">How long each reply waits before it is written, so concurrency limits can be seen.</param>
    public static async Task<LoopbackProviders> StartAsync(TimeSpan latency = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new LoopbackProviders(app, latency);
        ((IApplicationBuilder)app).Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single().TrimEnd('/');
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            if (_latency > TimeSpan.Zero)
            {
                await Task.Delay(_latency, context.RequestAborted);
            }

            context.Response.ContentType = "application/json";
            var body = context.Request.Method == "POST" ? Completion : Models;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
