using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Guard.IntegrationTests.Quota;

/// <summary>Kestrel on 127.0.0.1 (free port) answering provider paths with scripted status, headers and body.</summary>
internal sealed class LoopbackProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, IReadOnlyDictionary<string, string> Headers, string Body)> _routes = new(StringComparer.Ordinal);

    private LoopbackProviderServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<LoopbackProviderServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new LoopbackProviderServer(app);
        ((IApplicationBuilder)app).Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single().TrimEnd('/');
        return server;
    }

    public LoopbackProviderServer On(string method, string path, int status, string body, IReadOnlyDictionary<string, string>? headers = null)
    {
        _routes[method + " " + path] = (status, headers ?? new Dictionary<string, string>(), body);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!_routes.TryGetValue(context.Request.Method + " " + context.Request.Path.Value, out var route))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("no script");
            return;
        }

        context.Response.StatusCode = route.Status;
        foreach (var (name, value) in route.Headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(route.Body));
    }
}
