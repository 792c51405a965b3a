using System.Diagnostics;
using System.Runtime.Versioning;
using Guard.Alerts;
using Guard.Alerts.Outbox;
using Guard.ProcessHarness;
using Xunit.Abstractions;

namespace Guard.IntegrationTests.Alerts;

/// <summary>
/// A child process drains the real outbox to a real webhook endpoint and is killed with SIGKILL at random moments,
/// then restarted: every notification arrives, and a duplicate can only come from a kill between the endpoint's 200
/// and the fsync of "delivered" (counted and reported; receivers de-duplicate by the stable webhook-id).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class OutboxKillTests(ITestOutputHelper output) : IDisposable
{
    private const int MinimumKills = 50;
    private const int Batch = 30;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "guard-outbox-kill-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task DelivererKilledWithSigkill_EveryAlertArrives_DuplicatesOnlyFromTheAckWindow()
    {
        Directory.CreateDirectory(_dir);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        await using var receiver = await OutboxWebhookReceiver.StartAsync();
        receiver.Decide = () => (200, TimeSpan.FromMilliseconds(Random.Shared.Next(30, 200)));
        var expected = new List<string>();
        var batches = 0;
        void QueueBatch()
        {
            using var http = new HttpClient();
            var (_, manager, _) = OutboxDeliverer.Open(_dir, receiver.Url, http, TimeProvider.System);
            for (var i = 0; i < Batch; i++)
            {
                manager.Raise(new AlertEvent
                {
                    Kind = AlertEventKind.GatewayRestarted, Severity = AlertSeverity.Info, OneShot = true,
                    Fingerprint = $"GatewayRestarted|batch{batches}-{i}", At = DateTimeOffset.UtcNow, Detail = $"alert {batches}-{i}",
                });
            }

            batches++;
        }

        QueueBatch();
        expected.AddRange(PendingIds());
        Assert.Equal(Batch, expected.Count);

        var stopwatch = Stopwatch.StartNew();
        int kills = 0, finishedByItself = 0, iterations = 0, midRequest = 0;
        while (kills < MinimumKills)
        {
            iterations++;
            Assert.True(iterations < 1000, "the deliverer never got far enough to be killed 50 times");
            if (PendingIds().Count == 0)
            {
                QueueBatch(); // keep deliveries in flight until the kill budget is spent
                expected.AddRange(PendingIds().Except(expected));
            }

            // Kill while a delivery is under way: after the next request arrives, at a random point of its handling
            // (30-200 ms) or just after the answer (the window between the 200 and the fsync of "delivered").
            receiver.RequestStarted = new SemaphoreSlim(0);
            using var child = StartChild(receiver.Url);
            var arrived = await receiver.RequestStarted.WaitAsync(TimeSpan.FromSeconds(15));
            await Task.Delay(random.Next(0, 260));
            if (!arrived && !child.HasExited)
            {
                child.Kill();
                Assert.Fail($"iteration {iterations} (seed {seed}): the deliverer sent nothing for 15 s");
            }

            if (child.HasExited)
            {
                Assert.True(child.ExitCode == 0, $"deliverer failed ({child.ExitCode}): {await child.StandardError.ReadToEndAsync()}");
                finishedByItself++;
                continue;
            }

            midRequest += receiver.InFlight > 0 ? 1 : 0;
            child.Kill(); // SIGKILL
            await child.WaitForExitAsync();
            kills++;
        }

        // A last undisturbed run delivers whatever is left.
        using (var last = StartChild(receiver.Url))
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await last.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, last.ExitCode);
        }

        Assert.Empty(PendingIds());
        var missing = expected.Where(id => !receiver.Counts.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"never received (seed {seed}): {string.Join(", ", missing)}");
        var duplicates = receiver.Counts.Where(p => p.Value > 1).Sum(p => p.Value - 1);
        Assert.Empty(receiver.Counts.Keys.Except(expected));
        Assert.True(midRequest >= 10, $"only {midRequest} kills landed during a delivery: the test did not exercise the deliverer");
        Assert.True(duplicates <= kills, $"{duplicates} duplicates from {kills} kills: more than one per kill cannot come from the ack window");
        output.WriteLine(
            $"{kills} SIGKILLs ({finishedByItself} runs finished by themselves) in {stopwatch.Elapsed.TotalSeconds:F1} s (seed {seed}): " +
            $"{expected.Count} notifications in {batches} batches, all received; {receiver.Requests} requests, {midRequest} kills while a request was in flight ({receiver.Aborted} seen as aborted by the server); " +
            $"{duplicates} duplicate deliveries by id (kill between the endpoint's 200 and the fsync of 'delivered').");
    }

    private List<string> PendingIds()
    {
        var outbox = AlertOutbox.Open(AlertOutbox.PathIn(_dir), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<AlertOutbox>.Instance);
        Assert.Null(outbox.QuarantinedTo);
        return outbox.Read(d => d.Entries.Where(e => e.State == OutboxEntryState.Pending).OrderBy(e => e.Sequence).Select(e => e.Message.Id).ToList());
    }

    private Process StartChild(string url)
    {
        var harness = Path.Combine(AppContext.BaseDirectory, "Guard.ProcessHarness.dll");
        Assert.True(File.Exists(harness), $"missing {harness}");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return Process.Start(new ProcessStartInfo(dotnet)
        {
            ArgumentList = { harness, "deliver-outbox", _dir, url },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
    }
}
