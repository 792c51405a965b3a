using Guard.Chain;
using System.Globalization;
using Guard.Alerts;
using Guard.Configuration;
using Guard.Logging;
using Guard.Quota;
using Guard.Quota.Alerts;
using Guard.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Benchmarks;

/// <summary>
/// Figure 3: requests and tokens per model per day with default settings — a day of the default schedule on fake
/// time through the real planner and scheduler, every probe answering. Then the same day with real traffic: an
/// OpenClaw transcript gains a successful assistant turn every <c>N</c> minutes and the real quota check (default
/// <c>CheckEvery</c>, 1 min) reads it as passive evidence.
/// </summary>
internal static class ProbeCostBenchmark
{
    private static readonly DateTimeOffset Day = new(2026, 2, 12, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Minutes between real turns in the traffic runs: busy, normal, and sparser than DeepEvery.</summary>
    private static readonly int[] TrafficEvery = [5, 20, 45];

    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync()
    {
        var quiet = await DayAsync(trafficEveryMinutes: null);
        var traffic = new List<(int Every, Counts Counts)>();
        foreach (var every in TrafficEvery)
        {
            traffic.Add((every, await DayAsync(every)));
        }

        var options = new GuardOptions();
        var withTraffic = string.Join(", ", traffic.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Counts.Deep} with a turn every {t.Every} min")));
        foreach (var (every, counts) in traffic)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cost: real turn every {every,2} min -> {counts.Deep} deep / {counts.Reach} reach requests per model per day (without traffic: {quiet.Deep} / {quiet.Reach})"));
        }

        return
        [
            new("Probe cost: reach tier per model per day", "0 tokens", $"{quiet.Reach} requests, 0 tokens",
                $"{quiet.Rounds} rounds on the default schedule '{options.Probe.Schedule}'; reach = model list / metadata GET"),
            new("Probe cost: deep tier per model per day", "≤ 48 requests, ≤ 1 output token each", $"{quiet.Deep} requests, ≤ {quiet.Deep} output tokens",
                $"DeepEvery {options.Probe.DeepEvery}; max_tokens / maxOutputTokens = 1 in every adapter"),
            new("Probe cost with real traffic seen (passive evidence)", "fewer than without",
                $"deep requests per model per day: {quiet.Deep} without traffic; {withTraffic}",
                "fake day, default settings; transcript turns read by the real quota check every minute move the deep-probe clock"),
        ];
    }

    private static async Task<Counts> DayAsync(int? trafficEveryMinutes)
    {
        var root = Path.Combine(Path.GetTempPath(), "guard-bench-cost-" + Guid.NewGuid().ToString("N"));
        var agents = Path.Combine(root, "agents");
        var transcript = Path.Combine(agents, "main", "sessions", "c0575e55.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(transcript)!);
        try
        {
            var time = new FakeTimeProvider(Day);
            var prober = new CountingProber(time);
            var options = new GuardOptions
            {
                DataDirectory = root,
                Models = [new ModelOptions { Id = "zhipu/glm-4.7" }],
                OpenClaw = { Discover = false, AgentsDirectory = agents },
            };
            File.WriteAllText(transcript, Guard.Tests.Quota.TranscriptLines.Session("c0575e55", Day) + "\n");
            var store = new StateStore(new GuardState(), Path.Combine(root, "state.json"));
            using var scheduler = Rig.Scheduler(options, prober, time, store);
            using var quota = QuotaCheck(options, store, time);
            var schedule = new Guard.Probing.ProbeSchedule(options.Probe.Schedule);
            var end = Day.AddDays(1);
            var rounds = 0;
            var nextTurn = Day.AddMinutes(trafficEveryMinutes ?? 0);
            var nextCheck = Day;
            while (true)
            {
                var next = schedule.Next(time.GetUtcNow());
                if (next > end)
                {
                    break;
                }

                time.Advance(next - time.GetUtcNow());
                var now = time.GetUtcNow();
                if (trafficEveryMinutes is { } every && now >= nextTurn)
                {
                    File.AppendAllText(transcript, Guard.Tests.Quota.TranscriptLines.Assistant(now, "zhipu", "glm-4.7", 1200, 80) + "\n");
                    nextTurn = nextTurn.AddMinutes(every);
                }

                if (now >= nextCheck)
                {
                    await quota.RunCycleAsync(CancellationToken.None);
                    nextCheck = nextCheck.Add(options.Quota.CheckEvery);
                }

                await scheduler.RunRoundAsync(CancellationToken.None);
                rounds++;
            }

            return new Counts(prober.Reach, prober.Deep, rounds);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static QuotaCheck QuotaCheck(GuardOptions options, StateStore store, TimeProvider time) =>
        new(
            new LiveOptions(options, new ConfigurationBuilder().Build(), NullLogger<LiveOptions>.Instance), new ModelChain(), store, NullAlertPublisher.Instance,
            new CriticalCommandRunner(time, SecretRedactor.Default, NullLogger<CriticalCommandRunner>.Instance), time, NullLogger<QuotaCheck>.Instance);

    private readonly record struct Counts(int Reach, int Deep, int Rounds);
}
