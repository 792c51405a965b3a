using Microsoft.Extensions.Logging;

namespace Guard.State;

/// <summary>
/// The one in-memory state shared by every hosted service. Updates are copy-on-write under a lock, so a
/// mutation that throws leaves no trace and readers never see half of an update.
/// </summary>
public sealed class StateStore
{
    private readonly Lock _gate = new();
    private GuardState _current;
    private long _version;
    private TaskCompletionSource _changed = NewSignal();

    public StateStore(GuardState initial, string filePath)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        _current = Clone(initial);
        FilePath = Path.GetFullPath(filePath);
    }

    /// <summary>Loads <paramref name="filePath"/> (see <see cref="StateFile.Load"/>); never throws for file content.</summary>
    public static StateStore Open(string filePath, TimeProvider time, ILogger<StateStore> logger) =>
        new(StateFile.Load(filePath, time, logger), filePath);

    /// <summary>Where <see cref="StatePersister"/> saves this store.</summary>
    public string FilePath { get; }

    /// <summary>Increases by one with every <see cref="Update"/>.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>A deep copy the caller may keep and change freely.</summary>
    public GuardState Snapshot() => Clone(Current().State);

    /// <summary>Reads without copying. <paramref name="read"/> must not mutate the state or return parts of it.</summary>
    public T Read<T>(Func<GuardState, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return read(Current().State);
    }

    /// <summary>Applies <paramref name="mutate"/> atomically. If it throws, nothing changes and the exception propagates.</summary>
    public void Update(Action<GuardState> mutate)
    {
        ArgumentNullException.ThrowIfNull(mutate);
        TaskCompletionSource signal;
        lock (_gate)
        {
            var draft = Clone(_current);
            mutate(draft);
            _current = draft;
            _version++;
            signal = _changed;
            _changed = NewSignal();
        }

        signal.TrySetResult();
    }

    /// <summary>Completes once <see cref="Version"/> differs from <paramref name="knownVersion"/>.</summary>
    public Task WaitForChangeAsync(long knownVersion, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _version != knownVersion ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The current state and its version; the object is never mutated after publication.</summary>
    internal (GuardState State, long Version) Current()
    {
        lock (_gate)
        {
            return (_current, _version);
        }
    }

    // A JSON round trip copies every field, including ones added later, without hand-written clone code.
    private static GuardState Clone(GuardState state) => StateFile.Deserialize(StateFile.Serialize(state));

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
