using Guard.Alerts;
using Guard.Alerts.Outbox;
using Guard.ProcessHarness;
using Microsoft.Extensions.Time.Testing;

namespace Guard.IntegrationTests.Alerts;

/// <summary>The endpoint answers 503 for 10 minutes of (fake) time while alerts keep coming: afterwards all arrive, in order, once.</summary>
public sealed class EndpointOutageTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "guard-outage-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task EndpointDownTenMinutes_EverythingArrivesAfterwards_InOrder_Once()
    {
        var start = new DateTimeOffset(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var upAt = start.AddMinutes(10);
        await using var receiver = await OutboxWebhookReceiver.StartAsync();
        var failedWhileDown = 0;
        receiver.Decide = () =>
        {
            if (time.GetUtcNow() < upAt)
            {
                Interlocked.Increment(ref failedWhileDown);
                return (503, TimeSpan.Zero);
            }

            return (200, TimeSpan.Zero);
        };
        using var http = new HttpClient();
        var (outbox, manager, dispatcher) = OutboxDeliverer.Open(_dir, receiver.Url, http, time);

        var raised = new List<string>();
        for (var step = 0; time.GetUtcNow() < start.AddMinutes(45); step++)
        {
            if (step % 6 == 0 && raised.Count < 20)
            {
                // An alert every 30 s during the outage and a little beyond.
                manager.Raise(new AlertEvent
                {
                    Kind = AlertEventKind.GatewayUnhealthy, Severity = AlertSeverity.Warning, OneShot = true,
                    Fingerprint = $"GatewayUnhealthy|n{raised.Count}", At = time.GetUtcNow(), Detail = $"n{raised.Count}",
                });
                raised.Add(outbox.Read(d => d.Entries.MaxBy(e => e.Sequence)!.Message.Id));
            }

            await dispatcher.DrainOnceAsync(CancellationToken.None);
            time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(20, raised.Count);
        Assert.True(failedWhileDown > 3, $"only {failedWhileDown} attempts hit the outage");
        Assert.Equal(raised, receiver.Received.ToList());
        Assert.All(outbox.Read(d => d.Entries.ToList()), e => Assert.Equal(OutboxEntryState.Delivered, e.State));
        Assert.True(outbox.Read(d => d.Entries.Max(e => e.Attempts)) < 12, "the head must not come close to dead-lettering in a 10-minute outage");
    }
}
