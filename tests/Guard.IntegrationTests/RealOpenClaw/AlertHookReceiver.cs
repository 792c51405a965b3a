using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>A real webhook receiver on 127.0.0.1 (Kestrel) keeping every notification Guard posts, Alertmanager-shaped.</summary>
public sealed class AlertHookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _received = new();

    private AlertHookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public IReadOnlyList<JsonElement> Received => [.. _received];

    /// <summary>Notifications of one alert name and status (<c>firing</c>/<c>resolved</c>).</summary>
    public IReadOnlyList<JsonElement> Of(string alertName, string status = "firing") =>
        [.. _received.Where(b => AlertName(b) == alertName && b.TryGetProperty("status", out var s) && s.GetString() == status)];

    public static string? AlertName(JsonElement body) =>
        body.TryGetProperty("groupLabels", out var labels) && labels.TryGetProperty("alertname", out var name) ? name.GetString() : null;

    public static async Task<AlertHookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new AlertHookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            receiver._received.Enqueue(document.RootElement.Clone());
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
