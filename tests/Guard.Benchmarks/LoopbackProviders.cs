using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Guard.Benchmarks;

/// <summary>An OpenAI-compatible provider on 127.0.0.1 answering every probe at once; counts requests.</summary>
internal sealed class LoopbackProviders : IAsyncDisposable
{
    private static readonly byte[] Models = """{"object":"list","data":[{"id":"m","object":"model"}]}"""u8.ToArray();
    private static readonly byte[] Completion =
        """{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"h"},"finish_reason":"length"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}"""u8.ToArray();

    private readonly WebApplication _app;
    private long _requests;

    private LoopbackProviders(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public long Requests => Interlocked.Read(ref _requests);

    public static async Task<LoopbackProviders> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new LoopbackProviders(app);
        ((IApplicationBuilder)app).Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single().TrimEnd('/');
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        context.Response.ContentType = "application/json";
        var body = context.Request.Method == "POST" ? Completion : Models;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
