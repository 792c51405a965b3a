using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Guard.IntegrationTests.Infrastructure;

/// <summary>
/// The real <c>guard</c> executable (<c>dotnet guard-app/guard.dll</c> in the test output directory) as a child
/// process: output captured, bounded by a timeout, killed on dispose.
/// </summary>
public sealed partial class GuardProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly GuardProcessOptions _options;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();

    private GuardProcess(Process process, GuardProcessOptions options)
    {
        _process = process;
        _options = options;
    }

    /// <summary>Guard's own build output, copied into guard-app/ by the test project (see its .csproj).</summary>
    public static string GuardDll => Path.Combine(AppContext.BaseDirectory, "guard-app", "guard.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string StandardOutput
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    public string StandardError
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Runs guard to completion.</summary>
    public static async Task<GuardProcessResult> RunAsync(
        IEnumerable<string> arguments, GuardProcessOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var process = Start(arguments, options);
        return await process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Starts guard and returns at once; use for long-running commands such as <c>run</c>.</summary>
    public static GuardProcess Start(IEnumerable<string> arguments, GuardProcessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        options ??= new GuardProcessOptions();
        var info = new ProcessStartInfo(options.Wrapper.Count > 0 ? options.Wrapper[0] : DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? AppContext.BaseDirectory,
        };
        if (options.Wrapper.Count > 0)
        {
            foreach (var part in options.Wrapper.Skip(1))
            {
                info.ArgumentList.Add(part);
            }

            info.ArgumentList.Add(DotnetHost());
        }

        info.ArgumentList.Add(GuardDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (!options.InheritGuardVariables)
        {
            foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("Guard__", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                info.Environment.Remove(name);
            }
        }

        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var guard = new GuardProcess(process, options);
        process.OutputDataReceived += (_, e) => guard.Append(guard._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => guard.Append(guard._stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return guard;
    }

    /// <summary>Waits for exit within the configured timeout; on timeout kills guard and throws with its output.</summary>
    public async Task<GuardProcessResult> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            // Also waits until both output streams reached end of file.
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill();
            throw new TimeoutException(
                $"guard {string.Join(' ', _process.StartInfo.ArgumentList.Skip(1))} did not exit within {_options.Timeout}\n" +
                $"--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}");
        }

        return new GuardProcessResult(_process.ExitCode, StandardOutput, StandardError);
    }

    /// <summary>Polls the captured output until <paramref name="condition"/> holds, guard exits, or the timeout passes.</summary>
    public async Task<bool> WaitForOutputAsync(Func<string, string, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (condition(StandardOutput, StandardError))
            {
                return true;
            }

            if (HasExited)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        return condition(StandardOutput, StandardError);
    }

    /// <summary>Sends SIGTERM, as systemd does on stop, so guard can shut down cleanly.</summary>
    public void Terminate()
    {
        const int sigterm = 15;
        if (!HasExited && SendSignal(_process.Id, sigterm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!HasExited)
        {
            Kill();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // Nothing more can be done; the process object is released below.
            }
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            target.Append(line).Append('\n');
        }
    }

    /// <summary>The dotnet host running the tests, so guard runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
