using System.Runtime.Versioning;
using Guard.State;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.State;

[SupportedOSPlatform("linux")] // file modes are part of what is tested
public sealed class AtomicFileTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WriteAllBytes_ReplacesContentWithMode0600AndLeavesNoTemp()
    {
        var path = _dir.File("a.json");
        File.WriteAllText(path, "old content that is longer");
        File.SetUnixFileMode(path, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        AtomicFile.WriteAllBytes(path, "new"u8.ToArray());

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(Private, File.GetUnixFileMode(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void WriteAllBytes_MissingDirectory_CreatedPrivate()
    {
        var path = Path.Combine(_dir.Path, "sub", "deeper", "a.json");

        AtomicFile.WriteAllBytes(path, "x"u8);

        Assert.Equal("x", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void WriteAllBytes_LeftoverTempFromKilledWriter_IsReplacedNotRead()
    {
        var path = _dir.File("a.json");
        File.WriteAllText(AtomicFile.TempPathFor(path), "half-written garb");

        AtomicFile.WriteAllBytes(path, "good"u8);

        Assert.Equal("good", File.ReadAllText(path));
        Assert.False(File.Exists(AtomicFile.TempPathFor(path)));
    }

    [Fact]
    public void WriteAllBytes_TempOfADeadWriter_IsRemoved_OneOfALiveWriter_IsLeftAlone()
    {
        var path = _dir.File("a.json");
        using var live = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        File.WriteAllText(AtomicFile.TempPathFor(path, live.Id), "another writer, mid-write");
        File.WriteAllText(AtomicFile.TempPathFor(path, int.MaxValue - 7), "a killed writer's leftover");
        try
        {
            AtomicFile.WriteAllBytes(path, "good"u8);

            Assert.Equal("good", File.ReadAllText(path));
            Assert.True(File.Exists(AtomicFile.TempPathFor(path, live.Id)));
            Assert.False(File.Exists(AtomicFile.TempPathFor(path, int.MaxValue - 7)));
            Assert.Equal(live.Id, AtomicFile.TempFileOwner(Path.GetFileName(AtomicFile.TempPathFor(path, live.Id)), path));
            Assert.Null(AtomicFile.TempFileOwner("a.json", path));
        }
        finally
        {
            live.Kill();
        }
    }

    [Fact]
    public void WriteAllBytes_RenameFails_TargetUntouchedAndTempRemoved()
    {
        // A directory where the file should go makes the final rename fail after the temp was written.
        var path = _dir.File("a.json");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "evidence"), "keep");

        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllBytes(path, "new"u8));

        Assert.Equal("keep", File.ReadAllText(Path.Combine(path, "evidence")));
        Assert.False(File.Exists(AtomicFile.TempPathFor(path)));
    }

    [Fact]
    public void QuarantineCorrupt_NamesByUtcTimeAndNeverOverwrites()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 2, 12, 21, 5, 9, 7, TimeSpan.FromHours(8)));
        var path = _dir.File("s.json");
        var expected = path + ".corrupt-20260212T130509007Z";
        File.WriteAllText(expected, "earlier evidence");
        File.WriteAllText(path, "bad");

        var aside = AtomicFile.QuarantineCorrupt(path, time);

        Assert.NotEqual(expected, aside);
        Assert.StartsWith(expected, aside, StringComparison.Ordinal);
        Assert.Equal("earlier evidence", File.ReadAllText(expected));
        Assert.Equal("bad", File.ReadAllText(aside));
        Assert.False(File.Exists(path));
    }
}
