using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.TestSupport;

/// <summary>A FakeTimeProvider that signals each timer it creates, so a test knows code is waiting before it advances time.</summary>
internal sealed class SignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    public SemaphoreSlim TimerCreated { get; } = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        TimerCreated.Release();
        return timer;
    }

    public async Task WaitForTimerAsync()
    {
        // Real-time guard only against a hang.
        Assert.True(await TimerCreated.WaitAsync(TimeSpan.FromSeconds(10)), "expected the code under test to start waiting");
    }
}
