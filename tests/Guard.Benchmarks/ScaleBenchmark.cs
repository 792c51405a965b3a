using System.Diagnostics;
using System.Globalization;
using Guard.Configuration;
using Guard.Probing;
using Guard.State;
using Microsoft.Extensions.DependencyInjection;

namespace Guard.Benchmarks;

/// <summary>
/// Figure 4: one round of 10, 100 and 500 models (spread over 10 providers) through the real HTTP prober against a
/// loopback OpenAI-compatible server: round duration (first round = reach + deep, second = reach), memory, state save.
/// </summary>
internal static class ScaleBenchmark
{
    public const string KeyEnv = "GUARD_BENCH_KEY";

    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync()
    {
        Environment.SetEnvironmentVariable(KeyEnv, "bench-key-0123456789");
        await using var server = await LoopbackProviders.StartAsync();
        await using var services = new ServiceCollection().AddLogging().AddGuardProbing().BuildServiceProvider();
        var prober = services.GetRequiredService<IModelProber>();
        var rows = new List<BenchmarkRow>();
        var warm = false;
        var results = new List<(int Models, double DeepMs, double ReachMs, long ManagedKb, long RssKb, double SaveMs, long StateBytes)>();
        // The first pass (10 models) warms the JIT and the connection pool and is not reported.
        foreach (var count in new[] { 10, 10, 100, 500 })
        {
            var options = new GuardOptions
            {
                Probe = new ProbeOptions { FallbackDelay = TimeSpan.Zero },
                Models = [.. Enumerable.Range(0, count).Select(i => new ModelOptions
                {
                    Id = $"p{i % 10}/model-{i}", Api = ApiKinds.OpenAiCompletions, BaseUrl = $"{server.BaseUrl}/p{i % 10}/v1", ApiKeyEnv = KeyEnv,
                })],
            };
            var statePath = Path.Combine(Path.GetTempPath(), $"guard-bench-{Environment.ProcessId}-{count}.json");
            var store = new StateStore(new GuardState(), statePath);
            using var scheduler = Rig.Scheduler(options, prober, TimeProvider.System, store);

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
                results.Add((count, deepMs, reachMs, managed, rss, saves[saves.Count / 2], new FileInfo(statePath).Length));
            }

            warm = true;
            File.Delete(statePath);
        }

        var baseline = results[0];
        foreach (var r in results)
        {
            rows.Add(new($"Scale: {r.Models} models, one round", r.Models == 500 ? "(growth ~linear)" : "—",
                string.Create(CultureInfo.InvariantCulture,
                    $"round 1 (no state: reach + deep) {r.DeepMs:F0} ms, round 2 {r.ReachMs:F0} ms; managed {r.ManagedKb / 1024.0:F1} MB, RSS {r.RssKb / 1024.0:F1} MB; state save {r.SaveMs:F1} ms ({r.StateBytes / 1024.0:F0} KB)"),
                string.Create(CultureInfo.InvariantCulture,
                    $"× vs 10: round {r.DeepMs / baseline.DeepMs:F1}, save {r.SaveMs / baseline.SaveMs:F1}, state size {r.StateBytes / (double)baseline.StateBytes:F1}; MaxConcurrency 8 (global; no per-provider limit in main)")));
        }

        rows.Add(new("Scale: loopback requests served", "—", server.Requests.ToString(CultureInfo.InvariantCulture), "sanity: probes really went over HTTP (includes the warm-up pass)"));
        return rows;
    }
}
