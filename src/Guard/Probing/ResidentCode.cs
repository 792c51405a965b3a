using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Guard.Probing;

/// <summary>
/// Most of a Native AOT Guard's resident memory is its own binary: start-up (configuration, discovery, composition)
/// touches code and read-only data spread over nearly all of it, and with the kernel's fault-around every touched 64 KB
/// stays mapped (15.5 of 17.4 MB measured). Those pages are clean copies of the file. Unmapping them
/// (<c>madvise(MADV_DONTNEED)</c> on the binary's read-only, never-written mappings) loses nothing: they stay in the
/// page cache, where the kernel may reclaim them, and a page a later round needs is mapped again by a minor fault.
/// Steady resident memory measured 25.4 → 22.0 MB with 10 models. Writable mappings, and read-only ones holding any
/// private copy (RELRO), are never touched: dropping those would discard data.
/// </summary>
internal static partial class ResidentCode
{
    private const int MadvDontNeed = 4;
    private const long MinimumBytes = 64 * 1024;

    /// <summary>Unmaps the clean pages of the running executable's read-only mappings; returns the bytes advised.</summary>
    public static long Trim()
    {
        // Under the JIT the executable is the shared dotnet host: nothing of Guard's to gain there.
        if (RuntimeFeature.IsDynamicCodeSupported || !OperatingSystem.IsLinux() || Environment.ProcessPath is not { } exe)
        {
            return 0;
        }

        string smaps;
        try
        {
            smaps = File.ReadAllText("/proc/self/smaps");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        long advised = 0;
        foreach (var (start, length) in CleanReadOnlyMappings(smaps, exe))
        {
            if (madvise((nint)start, (nuint)length, MadvDontNeed) == 0)
            {
                advised += (long)length;
            }
        }

        return advised;
    }

    /// <summary>
    /// The mappings of <paramref name="path"/> in an smaps text that are not writable and hold no private (anonymous or
    /// dirty) page: only those are safe to unmap. Pure, for tests.
    /// </summary>
    internal static IReadOnlyList<(ulong Start, ulong Length)> CleanReadOnlyMappings(string smaps, string path)
    {
        var result = new List<(ulong, ulong)>();
        (ulong Start, ulong End, bool Candidate)? current = null;
        var safe = true;
        foreach (var raw in smaps.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            if (TryParseHeader(line, path, out var header))
            {
                Close();
                current = header;
                safe = true;
            }
            else if (current is not null && (line.StartsWith("Anonymous:") || line.StartsWith("Private_Dirty:") || line.StartsWith("Shared_Dirty:")))
            {
                safe &= Kilobytes(line) == 0;
            }
        }

        Close();
        return result;

        void Close()
        {
            if (current is { Candidate: true } m && safe && m.End - m.Start >= MinimumBytes)
            {
                result.Add((m.Start, m.End - m.Start));
            }

            current = null;
        }
    }

    // "55e4c013b000-55e4c09ad000 r-xp 0001e000 fe:00 11657597   /path/guard"
    private static bool TryParseHeader(ReadOnlySpan<char> line, string path, out (ulong Start, ulong End, bool Candidate) header)
    {
        header = default;
        var dash = line.IndexOf('-');
        var space = line.IndexOf(' ');
        if (dash <= 0 || space <= dash || line.Length < space + 5
            || !ulong.TryParse(line[..dash], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(line[(dash + 1)..space], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end))
        {
            return false;
        }

        var perms = line.Slice(space + 1, 4);
        var candidate = perms[0] == 'r' && perms[1] != 'w' && perms[3] == 'p' && line.EndsWith(path, StringComparison.Ordinal);
        header = (start, end, candidate);
        return true;
    }

    private static long Kilobytes(ReadOnlySpan<char> line)
    {
        var value = line[(line.IndexOf(':') + 1)..].Trim();
        var unit = value.IndexOf(' ');
        return long.TryParse(unit < 0 ? value : value[..unit], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : long.MaxValue;
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static partial int madvise(nint address, nuint length, int advice);
}
