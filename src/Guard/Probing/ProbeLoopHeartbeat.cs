namespace Guard.Probing;

/// <summary>Records that the probe loop is making progress; the systemd watchdog pinger reads it.</summary>
public sealed class ProbeLoopHeartbeat
{
    private long _lastBeatTicks;

    public DateTimeOffset? LastBeat
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastBeatTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void Beat(DateTimeOffset at) => Interlocked.Exchange(ref _lastBeatTicks, at.UtcTicks);
}
