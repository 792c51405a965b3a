using System.Diagnostics;
using System.Text;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// <c>openclaw gateway run</c> of a test home as a child process in its own session (so its workers go with it), ready
/// once its health URL answers. For the tests that need the gateway as a systemd unit, see <see cref="OpenClawGatewayUnit"/>.
/// </summary>
public sealed class OpenClawGateway : IAsyncDisposable
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromMinutes(3); // seconds on an idle core; a loaded CI machine is slower

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private OpenClawGateway(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public TimeSpan StartupTime { get; private set; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<OpenClawGateway> StartAsync(OpenClawTestHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = home.Root,
        };
        foreach (var argument in GatewayCommand(home))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (name, value) in home.Environment())
        {
            info.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        var gateway = new OpenClawGateway(Process.Start(info) ?? throw new InvalidOperationException("could not start openclaw gateway run"));
        gateway._process.OutputDataReceived += (_, e) => gateway.Capture(e.Data);
        gateway._process.ErrorDataReceived += (_, e) => gateway.Capture(e.Data);
        gateway._process.BeginOutputReadLine();
        gateway._process.BeginErrorReadLine();
        gateway._process.StandardInput.Close();
        try
        {
            await WaitHealthyAsync(home, () => gateway.HasExited ? $"the gateway exited ({gateway._process.ExitCode}):\n{gateway.Output}" : null);
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        gateway.StartupTime = clock.Elapsed;
        return gateway;
    }

    /// <summary>The unit's ExecStart as much as the test's own: the release's Node running its <c>openclaw</c> entry.</summary>
    public static IReadOnlyList<string> GatewayCommand(OpenClawTestHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        return [home.Installation.Node, Path.GetFullPath(ResolveLink(home.Installation.OpenClaw)), "gateway", "run", "--port", home.GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture)];
    }

    /// <summary>Polls the health URL until it answers 200; <paramref name="failure"/> says why to stop early.</summary>
    public static async Task WaitHealthyAsync(OpenClawTestHome home, Func<string?> failure)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(failure);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        string last = "no answer yet";
        while (clock.Elapsed < ReadyLimit)
        {
            if (failure() is { } reason)
            {
                throw new InvalidOperationException(reason);
            }

            try
            {
                using var response = await http.GetAsync(home.HealthUrl);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException)
            {
                last = "timed out";
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the gateway of {home.Root} was not healthy at {home.HealthUrl} within {ReadyLimit} (last: {last})");
    }

    /// <summary>SIGTERM to the whole session, as systemd's KillMode=mixed would after the main process; SIGKILL after a grace.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            Signal("-TERM");
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                Signal("-KILL");
            }
        }

        Signal("-KILL"); // stragglers of the session (workers)
        _process.Dispose();
    }

    private void Signal(string signal)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", [signal, "--", $"-{_process.Id}"]) { UseShellExecute = false, RedirectStandardError = true });
            kill?.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static string ResolveLink(string path)
    {
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
        return target?.FullName ?? path;
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }
}
