using System.Runtime.InteropServices;

namespace Guard.State;

/// <summary>The few libc calls .NET does not expose: fsync of a directory and the process umask.</summary>
internal static partial class NativeFileMethods
{
    private const int ORdOnly = 0;
    private const int OCloExec = 0x80000;

    // O_DIRECTORY differs between architectures (asm-generic vs x86).
    private static int ODirectory =>
        RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;

    /// <summary>Makes a rename in <paramref name="directory"/> durable. Linux only; a no-op elsewhere.</summary>
    public static void FsyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, ORdOnly | ODirectory | OCloExec, 0);
        if (fd < 0)
        {
            throw LastError($"open directory {directory}");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw LastError($"fsync directory {directory}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Sets the process umask and returns the previous one.</summary>
    public static uint SetUmask(uint mask) => Umask(mask);

    private static IOException LastError(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);
    }

    // open(2) is variadic; the third (mode) argument is passed explicitly so the call matches the ABI.
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
