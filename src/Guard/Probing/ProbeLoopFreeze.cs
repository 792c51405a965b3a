namespace Guard.Probing;

/// <summary>
/// TEST-ONLY hook: when <c>GUARD_TEST_FREEZE_PROBE_LOOP_FILE</c> names a file that exists, the scheduler waits before
/// its next round until the file is gone — how the watchdog test makes the loop stall. No effect when unset.
/// </summary>
public static class ProbeLoopFreeze
{
    public const string Variable = "GUARD_TEST_FREEZE_PROBE_LOOP_FILE";

    private static readonly string? FreezeFile = Environment.GetEnvironmentVariable(Variable);

    public static async Task WaitWhileFrozenAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        while (!string.IsNullOrEmpty(FreezeFile) && File.Exists(FreezeFile))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
        }
    }
}
