using Guard.Probing;
using Guard.State;

namespace Guard.Tests.State;

public sealed class StateStoreTests
{
    private static StateStore NewStore() => new(new GuardState(), "/nonexistent/state.json");

    [Fact]
    public async Task Update_ConcurrentWriters_CountsExactAndSnapshotsNeverTorn()
    {
        const int Writers = 8;
        const int UpdatesEach = 250;
        var store = NewStore();
        using var stop = new CancellationTokenSource();
        var tornSeen = 0;
        var snapshots = 0;

        // Every update keeps three fields equal; a reader seeing them differ saw half an update.
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var s = store.Snapshot();
                var sum = s.Models.Values.Sum(m => m.ConsecutiveFailures);
                if (sum != s.Chain.Rounds || sum != s.Restarts.Count)
                {
                    Interlocked.Increment(ref tornSeen);
                }

                Interlocked.Increment(ref snapshots);
            }
        });

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < UpdatesEach; i++)
            {
                store.Update(s =>
                {
                    var id = $"p/m{w}";
                    if (!s.Models.TryGetValue(id, out var m))
                    {
                        s.Models[id] = m = new ModelState();
                    }

                    m.ConsecutiveFailures++;
                    m.FailureCounts[FailureKind.Timeout] = m.FailureCounts.GetValueOrDefault(FailureKind.Timeout) + 1;
                    s.Chain.Rounds++;
                    s.Restarts.Add(new RestartRecord { Reason = id });
                });
            }
        })).ToArray();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await reader;

        var final = store.Snapshot();
        Assert.Equal(Writers * UpdatesEach, final.Chain.Rounds);
        Assert.Equal(Writers * UpdatesEach, store.Version);
        Assert.All(final.Models.Values, m => Assert.Equal(UpdatesEach, m.ConsecutiveFailures));
        Assert.All(final.Models.Values, m => Assert.Equal(UpdatesEach, m.FailureCounts[FailureKind.Timeout]));
        Assert.Equal(Writers, final.Models.Count);
        Assert.Equal(0, tornSeen);
        Assert.True(snapshots > 0);
    }

    [Fact]
    public void Snapshot_IsADeepCopy()
    {
        var store = NewStore();
        store.Update(s => s.Models["a"] = new ModelState { ConsecutiveFailures = 1 });

        var copy = store.Snapshot();
        copy.Models["a"].ConsecutiveFailures = 99;
        copy.Models["a"].FailureCounts[FailureKind.Unknown] = 5;
        copy.Chain.UsableModels.Add("x");

        Assert.Equal(1, store.Read(s => s.Models["a"].ConsecutiveFailures));
        Assert.Empty(store.Read(s => s.Models["a"].FailureCounts));
        Assert.Empty(store.Read(s => s.Chain.UsableModels));
    }

    [Fact]
    public void Update_MutationThrows_NothingChanges()
    {
        var store = NewStore();
        store.Update(s => s.Chain.Rounds = 1);

        Assert.Throws<InvalidOperationException>(() => store.Update(s =>
        {
            s.Chain.Rounds = 2;
            throw new InvalidOperationException("half done");
        }));

        Assert.Equal(1, store.Read(s => s.Chain.Rounds));
        Assert.Equal(1, store.Version);
    }

    [Fact]
    public void Constructor_CopiesInitialState()
    {
        var initial = new GuardState();
        var store = new StateStore(initial, "/nonexistent/state.json");

        initial.Chain.Rounds = 5;

        Assert.Equal(0, store.Read(s => s.Chain.Rounds));
    }

    [Fact]
    public async Task WaitForChangeAsync_CompletesOnUpdateOnly()
    {
        var store = NewStore();

        var wait = store.WaitForChangeAsync(store.Version, CancellationToken.None);
        Assert.False(wait.IsCompleted);

        store.Update(s => s.Chain.Rounds++);
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(store.WaitForChangeAsync(0, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void Open_CorruptFile_QuarantinesAndStartsFresh()
    {
        using var dir = new TempDirectory();
        var path = dir.File(StateFile.FileName);
        File.WriteAllText(path, "not json");

        var store = StateStore.Open(path, TimeProvider.System, new RecordingLogger<StateStore>());

        Assert.Empty(store.Snapshot().Models);
        Assert.Single(Directory.GetFiles(dir.Path, StateFile.FileName + ".corrupt-*"));
    }
}
