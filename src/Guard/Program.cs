using Guard.Cli;
using Guard.State;

// Before anything creates a file: state, alert files and Serilog's log files are then private (0600/0700).
if (!OperatingSystem.IsWindows())
{
    NativeFileMethods.SetUmask(0b000_111_111); // 077
}

return await GuardCommandLine.InvokeAsync(args).ConfigureAwait(false);
