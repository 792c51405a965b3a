using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Guard.IntegrationTests.Chaos;

/// <summary>
/// A real HTTP server on 127.0.0.1 whose replies are raw handlers (byte bodies, huge headers, endless streams),
/// one per path prefix, for what <c>ScriptedResponse</c> cannot express.
/// </summary>
internal sealed class HostileProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, RequestDelegate> _routes = new(StringComparer.Ordinal);

    private HostileProviderServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<HostileProviderServer> StartAsync(IReadOnlyDictionary<string, RequestDelegate> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var server = new HostileProviderServer(app);
        foreach (var (prefix, handler) in routes)
        {
            server._routes[prefix] = handler;
        }

        ((IApplicationBuilder)app).Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.Single().TrimEnd('/');
        return server;
    }

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var prefix = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
        if (_routes.TryGetValue(prefix, out var handler))
        {
            return handler(context);
        }

        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
