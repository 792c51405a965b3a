using System.Diagnostics;
using System.Globalization;
using Guard.Configuration;
using Guard.Probing;
using Guard.State;
using Microsoft.Extensions.DependencyInjection;

namespace Guard.Benchmarks;

/// <summary>
/// Figure 4: one round of 10, 100 and 500 models spread over five loopback OpenAI-compatible providers (each its own
/// port, so each its own provider to Guard), through the real HTTP prober with the default concurrency limits
/// (8 in all, 4 per provider): round duration (first round = reach + deep, second = reach), memory, state save, and
/// the most requests any provider saw at once. Every reply waits <see cref="Latency"/> so the limits bind.
/// </summary>
internal static class ScaleBenchmark
{
    public const string KeyEnv = "GUARD_BENCH_KEY";

    private const int Providers = 5;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(10);

    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync()
    {
        Environment.SetEnvironmentVariable(KeyEnv, "bench-key-0123456789");
        var servers = new List<LoopbackProviders>();
        try
        {
            for (var p = 0; p < Providers; p++)
            {
                servers.Add(await LoopbackProviders.StartAsync(Latency));
            }

            return await MeasureAsync(servers);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task<IReadOnlyList<BenchmarkRow>> MeasureAsync(List<LoopbackProviders> servers)
    {
        await using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging().AddGuardProbing().BuildServiceProvider();
        var prober = services.GetRequiredService<IModelProber>();
        var probe = new ProbeOptions { FallbackDelay = TimeSpan.Zero };
        var rows = new List<BenchmarkRow>();
        var warm = false;
        var results = new List<(int Models, double DeepMs, double ReachMs, long ManagedKb, long RssKb, double SaveMs, long StateBytes, int MaxPerProvider)>();

        // The first pass (10 models) warms the JIT and the connection pools and is not reported.
        foreach (var count in new[] { 10, 10, 100, 500 })
        {
            // Grouped by provider, as real chains are: the runner must still fill the global slots from the next one.
            var options = new GuardOptions
            {
                Probe = probe,
                Models = [.. Enumerable.Range(0, count).Select(i => new ModelOptions
                {
                    Id = $"p{i * Providers / count}/model-{i}", Model = LoopbackProviders.ModelName, Api = ApiKinds.OpenAiCompletions,
                    BaseUrl = $"{servers[i * Providers / count].BaseUrl}/v1", ApiKeyEnv = KeyEnv,
                })],
            };
            var statePath = Path.Combine(Path.GetTempPath(), $"guard-bench-{Environment.ProcessId}-{count}.json");
            var store = new StateStore(new GuardState(), statePath);
            using var scheduler = Rig.Scheduler(options, prober, TimeProvider.System, store);
            servers.ForEach(s => s.ResetMaxInFlight());
            var requestsBefore = servers.Sum(s => s.Requests);

            var stopwatch = Stopwatch.StartNew();
            var first = await scheduler.RunRoundAsync(CancellationToken.None);
            var deepMs = stopwatch.Elapsed.TotalMilliseconds;
            stopwatch.Restart();
            var second = await scheduler.RunRoundAsync(CancellationToken.None);
            var reachMs = stopwatch.Elapsed.TotalMilliseconds;
            if (first is null || second is null || second.Models.Count(m => m.Ok) != count)
            {
                throw new InvalidOperationException($"scale round with {count} models did not come back all healthy");
            }

            // Round 1 probes both tiers, round 2 only reach: anything else means the rounds did not do what the row says.
            if (servers.Sum(s => s.Requests) - requestsBefore != 3L * count)
            {
                throw new InvalidOperationException($"{count} models took {servers.Sum(s => s.Requests) - requestsBefore} requests over two rounds, expected {3 * count}");
            }

            var maxPerProvider = servers.Max(s => s.MaxInFlight);
            if (maxPerProvider > probe.MaxConcurrencyPerProvider)
            {
                throw new InvalidOperationException($"a provider saw {maxPerProvider} probes at once, over the limit of {probe.MaxConcurrencyPerProvider}");
            }

            // GC.GetTotalMemory came back negative under regions on .NET 10; the heap size after a full GC does not.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var managed = GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes / 1024;
            var (rss, _) = Rig.Memory();
            var saves = new List<double>();
            for (var i = 0; i < 7; i++)
            {
                stopwatch.Restart();
                StateFile.Save(statePath, store.Snapshot());
                saves.Add(stopwatch.Elapsed.TotalMilliseconds);
            }

            saves.Sort();
            if (warm)
            {
                results.Add((count, deepMs, reachMs, managed, rss, saves[saves.Count / 2], new FileInfo(statePath).Length, maxPerProvider));
            }

            warm = true;
            File.Delete(statePath);
        }

        var baseline = results[0];
        foreach (var r in results)
        {
            rows.Add(new($"Scale: {r.Models} models over {Providers} providers, one round", r.Models == 500 ? "(growth ~linear)" : "—",
                string.Create(CultureInfo.InvariantCulture,
                    $"round 1 (no state: reach + deep) {r.DeepMs:F0} ms, round 2 {r.ReachMs:F0} ms; managed {r.ManagedKb / 1024.0:F1} MB, RSS {r.RssKb / 1024.0:F1} MB; state save {r.SaveMs:F1} ms ({r.StateBytes / 1024.0:F0} KB); most at once per provider {r.MaxPerProvider}"),
                string.Create(CultureInfo.InvariantCulture,
                    $"× vs 10: round {r.DeepMs / baseline.DeepMs:F1}, save {r.SaveMs / baseline.SaveMs:F1}, state size {r.StateBytes / (double)baseline.StateBytes:F1}; MaxConcurrency {probe.MaxConcurrency}, MaxConcurrencyPerProvider {probe.MaxConcurrencyPerProvider}; each reply waits {Latency.TotalMilliseconds:F0} ms")));
        }

        rows.Add(new("Scale: loopback requests served", "—", servers.Sum(s => s.Requests).ToString(CultureInfo.InvariantCulture),
            "sanity: probes really went over HTTP (includes the warm-up pass)"));
        return rows;
    }
}
