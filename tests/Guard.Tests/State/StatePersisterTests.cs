using System.Runtime.Versioning;
using Guard.State;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.State;

[SupportedOSPlatform("linux")] // file modes are part of what is tested
public sealed class StatePersisterTests : IDisposable
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(SampleState.T0);
    private readonly RecordingLogger<StatePersister> _logger = new();

    public void Dispose() => _dir.Dispose();

    private string StatePath => _dir.File(StateFile.FileName);

    private static long RoundsOnDisk(string path) => StateFile.Deserialize(File.ReadAllBytes(path)).Chain.Rounds;

    [Fact]
    public async Task FlushAsync_WritesOnlyWhenChanged()
    {
        var store = new StateStore(new GuardState(), StatePath);
        using var persister = new StatePersister(store, _time, _logger);

        Assert.True(await persister.FlushAsync());
        Assert.False(File.Exists(StatePath));

        store.Update(s => s.Chain.Rounds = 7);
        Assert.True(await persister.FlushAsync());

        Assert.Equal(7, RoundsOnDisk(StatePath));
        Assert.Equal(1, persister.SavedVersion);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StatePath));
    }

    [Fact]
    public async Task Loop_BatchesChangesWithinTheWindowIntoOneWrite()
    {
        var store = new StateStore(new GuardState(), StatePath);
        using var persister = new StatePersister(store, _time, _logger);
        var windowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstFlush = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flushes = 0;
        persister.BatchWindowStarted = () => windowStarted.TrySetResult();
        persister.Flushed = ok =>
        {
            Interlocked.Increment(ref flushes);
            firstFlush.TrySetResult(ok);
        };
        await persister.StartAsync(CancellationToken.None);

        store.Update(s => s.Chain.Rounds = 1);
        await windowStarted.Task.WaitAsync(Safety);
        store.Update(s => s.Chain.Rounds = 2);
        store.Update(s => s.Chain.Rounds = 3);
        _time.Advance(StatePersister.BatchWindow - TimeSpan.FromMilliseconds(1));
        Assert.False(firstFlush.Task.IsCompleted);
        Assert.False(File.Exists(StatePath));

        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(await firstFlush.Task.WaitAsync(Safety));
        Assert.Equal(3, RoundsOnDisk(StatePath));
        Assert.Equal(3, persister.SavedVersion);
        Assert.Equal(1, Volatile.Read(ref flushes));
        await persister.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StopAsync_MidBatch_WritesEverythingAccepted()
    {
        var store = new StateStore(new GuardState(), StatePath);
        using var persister = new StatePersister(store, _time, _logger);
        var windowStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        persister.BatchWindowStarted = () => windowStarted.TrySetResult();
        await persister.StartAsync(CancellationToken.None);

        store.Update(s => s.Chain.Rounds = 1);
        await windowStarted.Task.WaitAsync(Safety);
        store.Update(s => s.Chain.Rounds = 2);
        await persister.StopAsync(CancellationToken.None);

        Assert.Equal(2, RoundsOnDisk(StatePath));
    }

    [Fact]
    public async Task FlushAsync_WriteFails_LogsKeepsStateAndRecoversLater()
    {
        // A regular file where the data directory should be: every write fails, even as root.
        var blocker = _dir.File("blocker");
        File.WriteAllText(blocker, "");
        var path = Path.Combine(blocker, StateFile.FileName);
        var store = new StateStore(new GuardState(), path);
        using var persister = new StatePersister(store, _time, _logger);
        store.Update(s => s.Chain.Rounds = 5);

        Assert.False(await persister.FlushAsync());
        Assert.Equal(0, persister.SavedVersion);
        var error = Assert.Single(_logger.Entries, e => e.Level == LogLevel.Error);
        Assert.Equal(1111, error.Id.Id);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);

        File.Delete(blocker);
        Assert.True(await persister.FlushAsync());

        Assert.Equal(5, RoundsOnDisk(path));
        Assert.Contains(_logger.Entries, e => e.Id.Id == 1112);
    }

    [Fact]
    public async Task Loop_AfterFailedSave_RetriesOnNextChange()
    {
        var blocker = _dir.File("blocker");
        File.WriteAllText(blocker, "");
        var path = Path.Combine(blocker, StateFile.FileName);
        var store = new StateStore(new GuardState(), path);
        using var persister = new StatePersister(store, _time, _logger);
        var windows = new SemaphoreSlim(0);
        var results = new List<bool>();
        var flushed = new SemaphoreSlim(0);
        persister.BatchWindowStarted = () => windows.Release();
        persister.Flushed = ok =>
        {
            lock (results)
            {
                results.Add(ok);
            }

            flushed.Release();
        };
        await persister.StartAsync(CancellationToken.None);

        store.Update(s => s.Chain.Rounds = 1);
        Assert.True(await windows.WaitAsync(Safety));
        _time.Advance(StatePersister.BatchWindow);
        Assert.True(await flushed.WaitAsync(Safety));

        File.Delete(blocker);
        store.Update(s => s.Chain.Rounds = 2);
        Assert.True(await windows.WaitAsync(Safety));
        _time.Advance(StatePersister.BatchWindow);
        Assert.True(await flushed.WaitAsync(Safety));

        Assert.Equal([false, true], results);
        Assert.Equal(2, RoundsOnDisk(path));
        await persister.StopAsync(CancellationToken.None);
    }
}
