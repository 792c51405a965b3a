using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Guard.Benchmarks;

/// <summary>
/// Loopback OpenAI-compatible providers that answer 500 while <see cref="Broken"/> says so, and a webhook receiver
/// that timestamps every alert on arrival: the two real HTTP peers of the systemd drill.
/// </summary>
internal sealed class DrillServer : IAsyncDisposable
{
    private static readonly byte[] Models = """{"object":"list","data":[{"id":"model","object":"model"}]}"""u8.ToArray();
    private static readonly byte[] Completion =
        """{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"h"},"finish_reason":"length"}],"usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}"""u8.ToArray();
    private static readonly byte[] Failure = """{"error":{"message":"upstream connect error","type":"server_error"}}"""u8.ToArray();

    private readonly WebApplication _app;

    private DrillServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public string HookUrl => BaseUrl + "/hook";

    /// <summary>Decides per request whether the providers fail (the drill ties it to the gateway unit's restarts).</summary>
    public Func<bool> Broken { get; set; } = () => false;

    /// <summary>Every webhook body with the moment it arrived.</summary>
    public ConcurrentQueue<(DateTimeOffset At, string Body)> Alerts { get; } = new();

    public static async Task<DrillServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new DrillServer(app);
        ((IApplicationBuilder)app).Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single().TrimEnd('/');
        return server;
    }

    /// <summary>When the first alert whose body contains <paramref name="text"/> arrived.</summary>
    public DateTimeOffset? FirstAlert(string text) =>
        Alerts.Where(a => a.Body.Contains(text, StringComparison.Ordinal)).Select(a => (DateTimeOffset?)a.At).FirstOrDefault();

    private async Task HandleAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        if (context.Request.Path == "/hook")
        {
            using var reader = new StreamReader(context.Request.Body);
            Alerts.Enqueue((DateTimeOffset.UtcNow, await reader.ReadToEndAsync(context.RequestAborted)));
            await context.Response.WriteAsync("""{"ok":true}""", context.RequestAborted);
            return;
        }

        if (Broken())
        {
            context.Response.StatusCode = 500;
            await context.Response.Body.WriteAsync(Failure, context.RequestAborted);
            return;
        }

        await context.Response.Body.WriteAsync(context.Request.Method == "POST" ? Completion : Models, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
