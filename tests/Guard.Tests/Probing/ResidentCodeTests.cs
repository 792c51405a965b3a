using Guard.Probing;

namespace Guard.Tests.Probing;

public sealed class ResidentCodeTests
{
    private const string Exe = "/home/u/.local/bin/guard";

    // Shapes from /proc/PID/smaps of the AOT binary (trimmed to the lines that matter).
    private const string Smaps = """
        55e4c011d000-55e4c013b000 r--p 00000000 fe:00 11657597                   /home/u/.local/bin/guard
        Rss:                 120 kB
        Shared_Dirty:          0 kB
        Private_Dirty:         0 kB
        Anonymous:             0 kB
        55e4c013b000-55e4c09ad000 r-xp 0001e000 fe:00 11657597                   /home/u/.local/bin/guard
        Rss:                7676 kB
        Shared_Dirty:          0 kB
        Private_Dirty:         0 kB
        Anonymous:             0 kB
        55e4c0e21000-55e4c0e22000 r--p 00d04000 fe:00 11657597                   /home/u/.local/bin/guard
        Rss:                   4 kB
        Private_Dirty:         4 kB
        Anonymous:             4 kB
        55e4c0e22000-55e4c117e000 r--p 00d05000 fe:00 11657597                   /home/u/.local/bin/guard
        Rss:                2988 kB
        Private_Dirty:       128 kB
        Anonymous:           128 kB
        55e4c1180000-55e4c11c0000 rw-p 01062000 fe:00 11657597                   /home/u/.local/bin/guard
        Rss:                 256 kB
        Private_Dirty:       104 kB
        Anonymous:           104 kB
        7f2d0aebf000-7f2d0b014000 r-xp 00026000 fe:00 1234                       /usr/lib/x86_64-linux-gnu/libc.so.6
        Rss:                1220 kB
        Private_Dirty:         0 kB
        Anonymous:             0 kB
        7f2148000000-7f2148341000 rw-p 00000000 00:00 0
        Rss:                3384 kB
        Anonymous:          3384 kB
        """;

    [Fact]
    public void Only_the_executables_read_only_mappings_without_a_private_page_are_chosen()
    {
        var chosen = ResidentCode.CleanReadOnlyMappings(Smaps, Exe);

        // The header (120 KB) and the code (r-xp); not the RELRO page, not a read-only mapping with copied pages,
        // not the writable data, not libc, not anonymous memory.
        Assert.Equal([(0x55e4c011d000UL, 0x1e000UL), (0x55e4c013b000UL, 0x872000UL)], chosen);
    }

    [Fact]
    public void An_unreadable_counter_makes_a_mapping_unsafe()
    {
        var text = """
            55e4c013b000-55e4c09ad000 r-xp 0001e000 fe:00 11657597                   /home/u/.local/bin/guard
            Anonymous:             ? kB
            """;

        Assert.Empty(ResidentCode.CleanReadOnlyMappings(text, Exe));
    }

    [Fact]
    public void Under_the_jit_nothing_is_trimmed() => Assert.Equal(0, ResidentCode.Trim());
}
