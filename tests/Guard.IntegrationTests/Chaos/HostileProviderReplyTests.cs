using System.Diagnostics;
using Guard.Configuration;
using Guard.IntegrationTests.Probing;
using Guard.Probing;
using Xunit.Abstractions;

namespace Guard.IntegrationTests.Chaos;

/// <summary>
/// Chaos: every malformed or hostile reply in <see cref="HostileReplies"/> goes through the real prober (both tiers)
/// and comes back classified, without an exception, within the model timeout, and without holding the body in memory.
/// </summary>
public sealed class HostileProviderReplyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ModelTimeout = TimeSpan.FromSeconds(2);

    // Two attempts at most (a timeout is retried once), the retry delay, and slack for a loaded machine.
    private static readonly TimeSpan PerProbeBound = (ModelTimeout * 2) + TimeSpan.FromSeconds(4);

    [Fact]
    public async Task EveryHostileReply_IsClassified_Bounded_AndNeverThrows()
    {
        Assert.True(HostileReplies.All.Count >= 30, "the issue asks for 30 hostile replies");
        await using var server = await HostileProviderServer.StartAsync(HostileReplies.All);
        await using var harness = await ProbeHarness.StartAsync();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        var probes = HostileReplies.All.Keys
            .SelectMany(name => new[] { ProbeTier.Reach, ProbeTier.Deep }.Select(tier => (name, tier)))
            .Select(async p =>
            {
                var model = new ModelDefinition($"hostile/{p.name}", "hostile", ApiKinds.OpenAiCompletions, $"{server.BaseUrl}/{p.name}/v1",
                    "m", ProbeHarness.KeyEnv, [ProbeTier.Reach, ProbeTier.Deep], new Dictionary<string, string>(), ModelTimeout,
                    ModelSource.GuardConfig);
                var stopwatch = Stopwatch.StartNew();
                Exception? thrown = null;
                ProbeResult? result = null;
                try
                {
                    result = await harness.Prober.ProbeAsync(model, p.tier, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    thrown = ex;
                }

                return (p.name, p.tier, result, thrown, stopwatch.Elapsed);
            })
            .ToList();
        var outcomes = await Task.WhenAll(probes);

        var problems = new List<string>();
        foreach (var (name, tier, result, thrown, elapsed) in outcomes)
        {
            output.WriteLine($"{name}/{tier}: {(result is null ? "-" : result.Ok ? "Ok" : result.Kind?.ToString())} in {elapsed.TotalMilliseconds:F0} ms");
            if (thrown is not null)
            {
                problems.Add($"{name}/{tier}: threw {thrown.GetType().Name}: {thrown.Message}");
                continue;
            }

            if (result is null || (!result.Ok && result.Kind is null))
            {
                problems.Add($"{name}/{tier}: not classified");
            }

            if (elapsed > PerProbeBound)
            {
                problems.Add($"{name}/{tier}: took {elapsed.TotalSeconds:F1} s");
            }

            if ((result?.Message?.Length ?? 0) > 4096)
            {
                problems.Add($"{name}/{tier}: message of {result!.Message!.Length} chars");
            }

            harness.AssertKeyNeverLeaked(result!);
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        // Two 50 MB bodies, a 1 MB error and 256 KB of headers went past: none of it may stay reachable.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var growth = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        Assert.True(growth < 16 * 1024 * 1024, $"managed memory grew by {growth / 1024 / 1024} MB");
        Assert.Contains(outcomes, o => o.name == "never-ending-body" && o.result?.Kind == FailureKind.Timeout);
        Assert.Contains(outcomes, o => o.name == "html-502" && o.tier == ProbeTier.Deep && o.result?.Kind is FailureKind.ServerError or FailureKind.Overloaded);
    }
}
