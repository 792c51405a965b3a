using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guard.IntegrationTests.Alerts;

/// <summary>
/// A real webhook endpoint on 127.0.0.1 (Kestrel, free port) in the style of an Alertmanager receiver. A notification
/// counts as received when the 200 is about to be written to a client that is still connected.
/// </summary>
internal sealed class OutboxWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OutboxWebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Decides each request: a status code (200 = accept) after an optional delay.</summary>
    public Func<(int Status, TimeSpan Delay)> Decide { get; set; } = () => (200, TimeSpan.Zero);

    public ConcurrentQueue<string> Received { get; } = new();

    /// <summary>Released when a request arrives (tests replace it to wait for the next one).</summary>
    public SemaphoreSlim RequestStarted { get; set; } = new(0);

    public ConcurrentDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    public int Requests => _requests;

    /// <summary>Requests being handled right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests whose client went away (was killed) before the answer.</summary>
    public int Aborted => _aborted;

    public string Url { get; private set; } = "";

    private int _requests;
    private int _aborted;
    private int _inFlight;

    public static async Task<OutboxWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new OutboxWebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            Interlocked.Increment(ref receiver._requests);
            Interlocked.Increment(ref receiver._inFlight);
            using var done = new Decrement(() => Interlocked.Decrement(ref receiver._inFlight));
            receiver.RequestStarted.Release();
            var id = context.Request.Headers["webhook-id"].ToString();
            using var body = new StreamReader(context.Request.Body);
            _ = await body.ReadToEndAsync(context.RequestAborted);
            var (status, delay) = receiver.Decide();
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref receiver._aborted);
                    return Results.Empty;
                }
            }

            if (status == 200 && !context.RequestAborted.IsCancellationRequested)
            {
                receiver.Received.Enqueue(id);
                receiver.Counts.AddOrUpdate(id, 1, (_, n) => n + 1);
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hook";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Decrement(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
