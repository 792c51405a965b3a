using System.Diagnostics;
using System.Runtime.Versioning;
using Guard.Probing;
using Guard.ProcessHarness;
using Guard.State;
using Xunit.Abstractions;

namespace Guard.IntegrationTests.State;

/// <summary>
/// A real child process saves the real store in a loop and is killed with SIGKILL at random moments:
/// the state file must always be a complete old or new version, never torn, never going back.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class StateStoreKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Iterations = 200;
    private const int SigKillExitCode = 128 + 9;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "guard-kill-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task WriterKilledWithSigkill_FileIsAlwaysACompleteOldOrNewVersion()
    {
        Directory.CreateDirectory(_dir);
        var path = StateFile.PathIn(_dir);
        var harness = Path.Combine(AppContext.BaseDirectory, "Guard.ProcessHarness.dll");
        Assert.True(File.Exists(harness), $"missing {harness}");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var stopwatch = Stopwatch.StartNew();
        long previous = 0;
        int advanced = 0, tempLeftBehind = 0;

        for (var i = 0; i < Iterations; i++)
        {
            using var child = Process.Start(new ProcessStartInfo(dotnet)
            {
                ArgumentList = { harness, "write-state", _dir },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            // Wait until the writer has completed a save (start-up time varies with machine load), then kill
            // it at a random moment inside the following writes.
            var ready = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(ready == "writing", $"iteration {i}: the writer did not start: {(child.HasExited ? await child.StandardError.ReadToEndAsync() : ready)}");
            await Task.Delay(random.Next(0, 40));
            if (child.HasExited)
            {
                Assert.Fail($"iteration {i}: the writer exited by itself ({child.ExitCode}): {child.StandardError.ReadToEnd()}");
            }

            child.Kill(); // SIGKILL on Unix
            child.WaitForExit();
            Assert.Equal(SigKillExitCode, child.ExitCode);

            var result = StateFile.TryRead(path);
            if (result.Status == StateReadStatus.Missing && previous == 0)
            {
                continue; // killed before its first save ever completed
            }

            Assert.True(result.Status == StateReadStatus.Ok, $"iteration {i} (seed {seed}): {result.Status} {result.Problem}");
            var state = result.State!;
            var rounds = state.Chain.Rounds;
            var model = state.Models[StateWriter.ModelId];
            Assert.Equal(rounds, model.ConsecutiveFailures);
            Assert.Equal(rounds, model.FailureCounts[FailureKind.Timeout]);
            Assert.Equal(StateWriter.Payload(rounds), model.LastError);
            Assert.True(rounds >= previous, $"iteration {i} (seed {seed}): sequence went back from {previous} to {rounds}");
            advanced += rounds > previous ? 1 : 0;
            previous = rounds;

            // Only the state file and at most the killed writers' temp files; the loader never quarantined anything.
            var entries = Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).ToList();
            Assert.Contains(StateFile.FileName, entries);
            Assert.All(entries, e => Assert.True(
                e == StateFile.FileName || AtomicFile.TempFileOwner(e!, path) is not null, $"unexpected file {e}"));
            tempLeftBehind += entries.Count > 1 ? 1 : 0;
        }

        output.WriteLine(
            $"{Iterations} SIGKILLs in {stopwatch.Elapsed.TotalSeconds:F1} s (seed {seed}): final sequence {previous}, " +
            $"{advanced} iterations saved something new, {tempLeftBehind} iterations ended with a temp file present (a kill mid-write)");
        Assert.True(advanced >= 10, $"only {advanced} iterations saved anything: the test did not exercise the writer");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
