using System.Runtime.Versioning;
using Guard.Recovery;
using Guard.State;
using Guard.Tests.State;

namespace Guard.Tests.Recovery;

public sealed class ManualRestartLogTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 2, 12, 21, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string LogPath => ManualRestartLog.PathIn(_directory.Path);

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Upsert_replaces_the_started_record_with_the_finished_one_and_writes_0600()
    {
        ManualRestartLog.Upsert(LogPath, new RestartRecord { At = At, Trigger = RestartTriggers.Manual, Outcome = RestartBudget.AttemptedOutcome });
        ManualRestartLog.Upsert(LogPath, new RestartRecord { At = At, Trigger = RestartTriggers.Manual, Outcome = RestartBudget.AttemptedOutcome, Verified = true, JobResult = "done" });

        var record = Assert.Single(ManualRestartLog.Read(LogPath));
        Assert.Equal((true, "done"), (record.Verified, record.JobResult));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LogPath));
    }

    [Fact]
    public void Merge_adds_missing_records_in_time_order_and_completes_pending_ones_once()
    {
        var state = new GuardState();
        state.Restarts.Add(new RestartRecord { At = At, Trigger = RestartTriggers.Manual, Outcome = RestartBudget.AttemptedOutcome });
        state.Restarts.Add(new RestartRecord { At = At.AddMinutes(10), Trigger = RestartTriggers.ChainDark, Outcome = RestartBudget.AttemptedOutcome, Verified = false });
        var log = new List<RestartRecord>
        {
            new() { At = At, Trigger = RestartTriggers.Manual, Outcome = RestartBudget.AttemptedOutcome, Verified = true },
            new() { At = At.AddMinutes(5), Trigger = RestartTriggers.Manual, Outcome = RestartBudget.AttemptedOutcome, Verified = false },
        };

        Assert.True(ManualRestartLog.HasNew(state, log));
        Assert.Equal(2, ManualRestartLog.MergeInto(state, log));

        Assert.Equal([At, At.AddMinutes(5), At.AddMinutes(10)], state.Restarts.Select(r => r.At));
        Assert.True(state.Restarts[0].Verified);
        Assert.False(ManualRestartLog.HasNew(state, log));
        Assert.Equal(0, ManualRestartLog.MergeInto(state, log));
    }

    [Fact]
    public void Missing_or_corrupt_log_reads_as_empty()
    {
        Assert.Empty(ManualRestartLog.Read(LogPath));
        File.WriteAllText(LogPath, "{not json");
        Assert.Empty(ManualRestartLog.Read(LogPath));
    }
}
