using System.Text;
using Serilog.Sinks.File;

namespace Guard.Logging;

/// <summary>Log files may quote provider error bodies: make each one 0600 as it is opened, whatever the umask.</summary>
internal sealed class PrivateFileHooks : FileLifecycleHooks
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, FileMode);
        }

        return underlyingStream;
    }
}
