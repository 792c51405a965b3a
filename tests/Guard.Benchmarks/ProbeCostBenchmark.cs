using Guard.Configuration;
using Guard.State;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Benchmarks;

/// <summary>
/// Figure 3: requests and tokens per model per day with default settings — a day of the default schedule on fake
/// time through the real planner and scheduler, every probe answering.
/// </summary>
internal static class ProbeCostBenchmark
{
    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 2, 12, 0, 0, 0, TimeSpan.Zero));
        var prober = new CountingProber(time);
        var options = new GuardOptions { Models = [new ModelOptions { Id = "zhipu/glm-4.7" }] };
        var store = new StateStore(new GuardState(), Path.Combine(Path.GetTempPath(), "bench-cost-state.json"));
        using var scheduler = Rig.Scheduler(options, prober, time, store);
        var schedule = new Guard.Probing.ProbeSchedule(options.Probe.Schedule);
        var end = time.GetUtcNow().AddDays(1);
        var rounds = 0;
        while (true)
        {
            var next = schedule.Next(time.GetUtcNow());
            if (next > end)
            {
                break;
            }

            time.Advance(next - time.GetUtcNow());
            await scheduler.RunRoundAsync(CancellationToken.None);
            rounds++;
        }

        return
        [
            new("Probe cost: reach tier per model per day", "0 tokens", $"{prober.Reach} requests, 0 tokens",
                $"{rounds} rounds on the default schedule '{options.Probe.Schedule}'; reach = model list / metadata GET"),
            new("Probe cost: deep tier per model per day", "≤ 48 requests, ≤ 1 output token each", $"{prober.Deep} requests, ≤ {prober.Deep} output tokens",
                $"DeepEvery {options.Probe.DeepEvery}; max_tokens / maxOutputTokens = 1 in every adapter"),
            new("Probe cost with real traffic seen (passive evidence)", "fewer than without", "not measured",
                "gateway-log evidence now moves the deep-probe clock; this verb does not simulate real traffic yet"),
        ];
    }
}
