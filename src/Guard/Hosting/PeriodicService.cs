using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Guard.Hosting;

/// <summary>
/// The one shape of Guard's periodic loops: tick, wait, tick again until the host stops. The wait is asked for again
/// after every tick (so a live configuration edit applies from the next wait), runs on the injected
/// <see cref="TimeProvider"/> (tests drive it with fake time), and ends early on <see cref="WakeSignal"/>. A tick that
/// throws is logged and the loop goes on: one bad pass must never end a loop. Cancellation (the host stopping) is the
/// only way out.
/// </summary>
public abstract partial class PeriodicService(TimeProvider time, ILogger logger) : BackgroundService
{
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected TimeProvider Time => time;

    /// <summary>Whether the first tick comes after one wait rather than at once.</summary>
    protected virtual bool WaitBeforeFirstTick => false;

    /// <summary>Whether a wait cut short by <see cref="WakeSignal"/> is followed by a tick (else only by a new wait).</summary>
    protected virtual bool TickWhenWoken => true;

    /// <summary>Once, before the first tick; false ends the service (nothing to do with this configuration).</summary>
    protected virtual Task<bool> StartingAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>One pass of the loop.</summary>
    protected abstract Task TickAsync(CancellationToken cancellationToken);

    /// <summary>The wait before the next tick, asked for after every tick.</summary>
    protected abstract TimeSpan NextWait();

    /// <summary>The wait after a tick that threw; the ordinary wait unless a loop retries sooner.</summary>
    protected virtual TimeSpan WaitAfterFailure() => NextWait();

    /// <summary>
    /// What ends a wait early: <see cref="WakeNow"/> unless a loop has its own signal. Taken before each tick, so a
    /// signal raised during the tick still shortens the wait after it.
    /// </summary>
    protected virtual Task WakeSignal() => Volatile.Read(ref _wake).Task;

    /// <summary>Ends the current (or next) wait at once; callable from any thread.</summary>
    protected void WakeNow() =>
        Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!await StartingAsync(stoppingToken).ConfigureAwait(false))
            {
                return;
            }

            var elapsed = !WaitBeforeFirstTick || await WaitAsync(NextWait(), WakeSignal(), stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                var wake = WakeSignal();
                var wait = elapsed || TickWhenWoken ? await TickOnceAsync(stoppingToken).ConfigureAwait(false) : NextWait();
                elapsed = await WaitAsync(wait, wake, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<TimeSpan> TickOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await TickAsync(stoppingToken).ConfigureAwait(false);
            return NextWait();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            var wait = WaitAfterFailure();
            LogTickFailed(logger, GetType().Name, wait.TotalSeconds, ex);
            return wait;
        }
    }

    /// <summary>True when the wait ran out; false when the wake signal came first.</summary>
    private async Task<bool> WaitAsync(TimeSpan wait, Task wake, CancellationToken stoppingToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            stoppingToken.ThrowIfCancellationRequested();
            return true;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var sleeping = Task.Delay(wait, time, cancel.Token);
        if (await Task.WhenAny(sleeping, wake).ConfigureAwait(false) == sleeping)
        {
            await sleeping.ConfigureAwait(false); // throws when stopping
            return true;
        }

        await cancel.CancelAsync().ConfigureAwait(false);
        stoppingToken.ThrowIfCancellationRequested();
        return false;
    }

    [LoggerMessage(EventId = 8600, Level = LogLevel.Error, Message = "{Service} pass failed unexpectedly; the loop continues in {Seconds:0.#} s")]
    private static partial void LogTickFailed(ILogger logger, string service, double seconds, Exception exception);
}
