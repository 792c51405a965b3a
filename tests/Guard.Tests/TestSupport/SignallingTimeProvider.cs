using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.TestSupport;

/// <summary>
/// A FakeTimeProvider that signals each timer it creates and knows which are still pending, so a test knows code is
/// waiting (and until when) before it advances time, instead of sleeping real time and hoping.
/// </summary>
internal sealed class SignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentDictionary<PendingTimer, DateTimeOffset> _pending = new();

    public SemaphoreSlim TimerCreated { get; } = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var due = GetUtcNow() + dueTime;
        var timer = new PendingTimer(base.CreateTimer(callback, state, dueTime, period), this);
        _pending[timer] = due;
        TimerCreated.Release();
        return timer;
    }

    public async Task WaitForTimerAsync()
    {
        // Real-time guard only against a hang.
        Assert.True(await TimerCreated.WaitAsync(TimeSpan.FromSeconds(10)), "expected the code under test to start waiting");
    }

    /// <summary>Until some code waits on a timer due at <paramref name="due"/> (fake time); real time only guards a hang.</summary>
    public async Task WaitForTimerDueAsync(DateTimeOffset due)
    {
        for (var i = 0; i < 1000 && !_pending.Values.Contains(due); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(_pending.Values.Contains(due), $"expected a timer due at {due:HH:mm:ss}; pending: {string.Join(", ", _pending.Values.Select(d => d.ToString("HH:mm:ss")))}");
    }

    /// <summary>Forgets a timer when its owner disposes it (a finished or cancelled delay).</summary>
    private sealed class PendingTimer(ITimer inner, SignallingTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner._pending[this] = owner.GetUtcNow() + dueTime;
            return inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            owner._pending.TryRemove(this, out _);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            owner._pending.TryRemove(this, out _);
            return inner.DisposeAsync();
        }
    }
}
