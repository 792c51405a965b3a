using System.Diagnostics;

namespace Guard.Tests.TestSupport;

/// <summary>
/// Writes a script the code under test will execute. It is written by a child process, never by this one: a file this
/// process holds open for writing is inherited, still open, by any process another test starts at that moment, and
/// executing the script while that child has not yet reached exec fails with ETXTBSY ("Text file busy").
/// </summary>
internal static class ExecutableScript
{
    public static string Write(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "cat > \"$1\" && chmod 700 \"$1\"", "sh", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var writer = Process.Start(start)!;
        writer.StandardInput.Write(content);
        writer.StandardInput.Close();
        if (!writer.WaitForExit(TimeSpan.FromSeconds(30)) || writer.ExitCode != 0)
        {
            throw new InvalidOperationException($"could not write the script {path}");
        }

        return path;
    }
}
