using System.Runtime.InteropServices;

namespace Guard.Benchmarks;

/// <summary>libc's <c>clock_gettime</c>, for the calling thread's own CPU time.</summary>
internal static partial class NativeClock
{
    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    internal static partial int clock_gettime(int clock, out Timespec value);

    [StructLayout(LayoutKind.Sequential)]
    internal struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
