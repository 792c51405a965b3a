using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guard.IntegrationTests.Alerts.Emulators;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, free port) that plays one channel's API. It records every request and
/// answers with the next scripted reply if one is queued, else with the emulator's own verdict (signature, token,
/// keyword and size checks as the real service does them). Reusable by the alert engine's and end-to-end tests.
/// </summary>
public abstract class ChannelEmulator : IAsyncDisposable
{
    private readonly ConcurrentQueue<EmulatorReply> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;

    protected ChannelEmulator(TimeProvider? time)
    {
        Time = time ?? TimeProvider.System;
    }

    /// <summary>The emulator's clock, for timestamp checks (share a FakeTimeProvider with the code under test).</summary>
    public TimeProvider Time { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>, no trailing slash.</summary>
    public string BaseAddress { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Queues a reply for the next request (after it is recorded); the emulator's checks are skipped for it.</summary>
    public void Enqueue(EmulatorReply reply) => _script.Enqueue(reply);

    /// <summary>Waits (real time, bounded) until at least <paramref name="count"/> requests arrived.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (Requests.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{GetType().Name} received {Requests.Count} of {count} requests");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>The emulator's own answer when nothing is scripted.</summary>
    protected abstract EmulatorReply Handle(RecordedRequest request);

    protected async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(ServeAsync);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = addresses.Addresses.First().TrimEnd('/');
    }

    private async Task ServeAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            Time.GetUtcNow())
        {
            RawQuery = context.Request.QueryString.Value ?? "",
        };
        lock (_gate)
        {
            _requests.Add(request);
        }

        var reply = _script.TryDequeue(out var scripted) ? scripted : Handle(request);
        if (ReferenceEquals(reply, EmulatorReply.Hang))
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context.RequestAborted).Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
