using Guard.Probing;
using Guard.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.ProcessHarness;

/// <summary>
/// Saves the real store through the real persister in a tight loop until killed. Each save carries a
/// sequence number in several fields and a payload derived from it, so a torn file is detectable.
/// </summary>
public static class StateWriter
{
    public const string ModelId = "harness/model";

    public static async Task<int> RunAsync(string directory)
    {
        var path = StateFile.PathIn(directory);
        var store = StateStore.Open(path, TimeProvider.System, NullLogger<StateStore>.Instance);
        using var persister = new StatePersister(store, TimeProvider.System, NullLogger<StatePersister>.Instance);
        var sequence = store.Read(s => s.Chain.Rounds);
        var announced = false;
        while (true)
        {
            sequence++;
            var current = sequence;
            store.Update(s =>
            {
                if (!s.Models.TryGetValue(ModelId, out var model))
                {
                    s.Models[ModelId] = model = new ModelState();
                }

                s.Chain.Rounds = current;
                model.ConsecutiveFailures = (int)current;
                model.LastError = Payload(current);
                model.FailureCounts[FailureKind.Timeout] = (int)current;
            });
            if (!await persister.FlushAsync())
            {
                return 1;
            }

            if (!announced)
            {
                // Tell the test the process is up and writing, so a slow start-up is never mistaken for a kill.
                announced = true;
                Console.Out.WriteLine("writing");
                Console.Out.Flush();
            }
        }
    }

    /// <summary>A few KB, so a write takes real time and a kill can land inside it.</summary>
    public static string Payload(long sequence) => $"seq {sequence} " + string.Concat(Enumerable.Repeat($"{sequence:D12}-", 400));
}
