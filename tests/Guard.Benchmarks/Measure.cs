using System.Diagnostics;

namespace Guard.Benchmarks;

/// <summary>Wall and CPU time of one run, and the throughput they give for <see cref="Megabytes"/>.</summary>
internal readonly record struct Measure(double Megabytes, TimeSpan Wall, TimeSpan Cpu)
{
    public double WallMbPerSecond => Megabytes / Wall.TotalSeconds;

    public double CpuMbPerSecond => Megabytes / Cpu.TotalSeconds;

    /// <summary>
    /// Runs <paramref name="action"/> on the calling thread. CPU is that thread's own time in nanoseconds
    /// (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): the process clock ticks in 10 ms, as long as a whole raw read of 256 MB,
    /// and would also count the runtime's background threads.
    /// </summary>
    public static Measure Of(double megabytes, Action action)
    {
        var cpu = ThreadCpu();
        var started = Stopwatch.GetTimestamp();
        action();
        var wall = Stopwatch.GetElapsedTime(started);
        return new Measure(megabytes, wall, ThreadCpu() - cpu);
    }

    /// <summary>The faster of two runs on each clock (default = no run yet).</summary>
    public Measure Best(Measure other) => Wall == TimeSpan.Zero ? other : new(
        Megabytes, Wall < other.Wall ? Wall : other.Wall, Cpu < other.Cpu && Cpu > TimeSpan.Zero ? Cpu : other.Cpu);

    private static TimeSpan ThreadCpu()
    {
        // CLOCK_THREAD_CPUTIME_ID: exact to the nanosecond, including the running slice (schedstat lags a tick behind).
        return NativeClock.clock_gettime(3, out var now) == 0
            ? TimeSpan.FromTicks((now.Seconds * TimeSpan.TicksPerSecond) + (now.Nanoseconds / 100))
            : Process.GetCurrentProcess().TotalProcessorTime;
    }
}
