using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Guard.IntegrationTests.Probing;

/// <summary>
/// A real HTTP server on 127.0.0.1 (free port) that answers like an LLM provider, scripted per method + path,
/// recording every request. Reusable for whole outage scenarios: one server can play several providers.
/// </summary>
public sealed class ScriptedProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, ScriptedResponse>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();

    private ScriptedProviderServer(WebApplication app) => _app = app;

    /// <summary>E.g. <c>http://127.0.0.1:41234</c>, no trailing slash.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<ScriptedProviderServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new ScriptedProviderServer(app);
        ((IApplicationBuilder)app).Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single().TrimEnd('/');
        return server;
    }

    /// <summary>Answers in order; the last response repeats for every later request.</summary>
    public ScriptedProviderServer On(string method, string path, params ScriptedResponse[] responses)
    {
        ArgumentOutOfRangeException.ThrowIfZero(responses.Length);
        var queue = new ConcurrentQueue<ScriptedResponse>(responses);
        var last = responses[^1];
        return On(method, path, _ => queue.TryDequeue(out var next) ? next : last);
    }

    /// <summary>Shorthand for one repeating JSON reply with optional headers.</summary>
    public ScriptedProviderServer On(string method, string path, int status, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        On(method, path, ScriptedResponse.Json(status, body, headers?.Select(h => (h.Key, h.Value)).ToArray() ?? []));

    public ScriptedProviderServer On(string method, string path, Func<RecordedRequest, ScriptedResponse> responder)
    {
        _routes[Key(method, path)] = responder;
        return this;
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string path) =>
        [.. _requests.Where(r => r.Method == method && r.Path == path)];

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(
            context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? string.Empty, headers, body);
        _requests.Enqueue(request);

        var response = _routes.TryGetValue(Key(request.Method, request.Path), out var responder)
            ? responder(request)
            : ScriptedResponse.Text(404, $"no script for {request.Method} {request.Path}");
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            await SendAsync(context, response, aborted.Token);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (its timeout) or the server is stopping.
        }
    }

    private static async Task SendAsync(HttpContext context, ScriptedResponse response, CancellationToken aborted)
    {
        if (response.Delay != TimeSpan.Zero)
        {
            await Task.Delay(response.Delay, aborted);
        }

        if (response.DropConnection)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (!response.NeverEndingBody)
        {
            await context.Response.WriteAsync(response.Body, aborted);
            return;
        }

        await context.Response.StartAsync(aborted);
        await context.Response.WriteAsync("{\"data\":[", aborted);
        while (true)
        {
            await context.Response.WriteAsync("{\"id\":\"x\"},", aborted);
            await context.Response.Body.FlushAsync(aborted);
            await Task.Delay(TimeSpan.FromMilliseconds(50), aborted);
        }
    }

    private static string Key(string method, string path) => method.ToUpperInvariant() + " " + path;
}
