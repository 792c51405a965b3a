using System.Diagnostics;
using System.Text;
using Guard.Configuration;
using Guard.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.IntegrationTests.Systemd;

/// <summary>
/// A real, private systemd user manager (design.md "D-Bus"): <c>systemd --user</c> in its own mount namespace
/// with a tmpfs on /run/systemd, so it believes systemd is booted, and temporary XDG directories so it
/// touches nothing of the host's. Everything outside the namespace reaches it through
/// <see cref="RuntimeDirectory"/>/bus. Free of xunit so the benchmark harness links this file too;
/// SystemdUserManagerFixture is the test-class fixture around it.
/// </summary>
public class PrivateUserManager
{
    private const string Script =
        "mount -t tmpfs tmpfs /run/systemd && mkdir -p /run/systemd/system && exec " + SystemdAvailability.ManagerBinary + " --user";

    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ToolLimit = TimeSpan.FromSeconds(30);

    // Private managers share the host's cgroup tree (see RealSystemdCollection); the collection serialises them
    // within one test run, this lock across runs (two checkouts testing at once, a benchmark beside the suite).
    private static readonly string MachineLockPath = Path.Join(Path.GetTempPath(), "guard-private-systemd.lock");
    private static readonly TimeSpan MachineLockLimit = TimeSpan.FromMinutes(30);

    private readonly StringBuilder _managerOutput = new();
    private Process? _manager;
    private FileStream? _machineLock;

    public PrivateUserManager()
    {
        Root = Directory.CreateTempSubdirectory("guard-systemd-").FullName;
        RuntimeDirectory = Path.Join(Root, "runtime");
        ConfigHome = Path.Join(Root, "config");
        UnitDirectory = Path.Join(ConfigHome, "systemd", "user");
        StartsDirectory = Path.Join(Root, "starts");
    }

    public string Root { get; }

    /// <summary>The manager's XDG_RUNTIME_DIR; its bus socket is <c>bus</c> inside it.</summary>
    public string RuntimeDirectory { get; }

    public string ConfigHome { get; }

    public string UnitDirectory { get; }

    public string StartsDirectory { get; }

    /// <summary>From process start until the bus answered a call to systemd.</summary>
    public TimeSpan StartupTime { get; private set; }

    public string ManagerOutput
    {
        get
        {
            lock (_managerOutput)
            {
                return _managerOutput.ToString();
            }
        }
    }

    /// <summary>Starts the manager and waits for its bus; does nothing where <see cref="SystemdAvailability.ManagerSkipReason"/> says it cannot run.</summary>
    public async Task StartAsync()
    {
        if (SystemdAvailability.ManagerSkipReason is not null || !OperatingSystem.IsLinux())
        {
            return; // every test is skipped; starting would only fail
        }

        _machineLock = await AcquireMachineLockAsync();
        Directory.CreateDirectory(RuntimeDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(UnitDirectory);
        Directory.CreateDirectory(StartsDirectory);
        await LaunchAsync();
    }

    /// <summary>
    /// Stops the manager (SIGTERM: it stops its units and its bus goes away) and starts a new one on the same
    /// directories, as a logout/login or a crashed user manager would: clients' connections close under them.
    /// </summary>
    public async Task RestartAsync()
    {
        await TerminateAsync();
        _manager?.Dispose();
        _manager = null;
        await LaunchAsync();
    }

    private async Task LaunchAsync()
    {
        var info = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // setsid gives the manager its own process group; unshare and sh exec, so the pid is the manager's.
        foreach (var argument in new[] { "unshare", "-m", "--propagation", "private", "sh", "-c", Script })
        {
            info.ArgumentList.Add(argument);
        }

        ApplyEnvironment(info.Environment);
        info.Environment["SYSTEMD_LOG_TARGET"] = "console"; // no journal in the namespace; keep logs for failure messages

        var clock = Stopwatch.StartNew();
        _manager = Process.Start(info) ?? throw new InvalidOperationException("Could not start the systemd user manager");
        _manager.OutputDataReceived += (_, e) => Capture(e.Data);
        _manager.ErrorDataReceived += (_, e) => Capture(e.Data);
        _manager.BeginOutputReadLine();
        _manager.BeginErrorReadLine();

        await WaitUntilReadyAsync(clock);
        StartupTime = clock.Elapsed;
    }

    /// <summary>Stops the manager (and with it its units) and deletes its directories.</summary>
    public async Task StopAsync()
    {
        await TerminateAsync();
        _manager?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A straggling unit may still hold a file; the temp directory is harmless.
        }

        _machineLock?.Dispose();
        _machineLock = null;
    }

    private async Task TerminateAsync()
    {
        if (_manager is { HasExited: false } manager)
        {
            // SIGTERM lets the manager stop its units (each in its own session) before exiting; kill only as a fallback.
            await ProcessRun.RunAsync("kill", ["-TERM", manager.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], _ => { }, ToolLimit);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await manager.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                manager.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Points a child process (systemctl, busctl, a guard run) at this manager.</summary>
    public void ApplyEnvironment(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment["XDG_RUNTIME_DIR"] = RuntimeDirectory;
        environment["XDG_CONFIG_HOME"] = ConfigHome;
        environment["XDG_DATA_HOME"] = Path.Join(Root, "data");
        environment["XDG_STATE_HOME"] = Path.Join(Root, "state");
        environment["XDG_CACHE_HOME"] = Path.Join(Root, "cache");
        environment.Remove("DBUS_SESSION_BUS_ADDRESS");
    }

    public DBusSystemdManager CreateManager(TimeProvider? timeProvider = null) =>
        new(new SystemdBusOptions { Bus = BusKind.User, RuntimeDirectory = RuntimeDirectory }, timeProvider ?? TimeProvider.System, NullLogger<DBusSystemdManager>.Instance);

    public void WriteUnit(string name, string contents) => File.WriteAllText(Path.Join(UnitDirectory, name), contents);

    /// <summary>The file a fake gateway appends one line to per start.</summary>
    public string StartsFile(string unit) => Path.Join(StartsDirectory, unit);

    public int CountStarts(string unit) => File.Exists(StartsFile(unit)) ? File.ReadAllLines(StartsFile(unit)).Length : 0;

    /// <summary>
    /// A gateway stand-in that records each start and then runs until stopped. The record is written by
    /// ExecStartPre because a start job is done only after it, so a test may count right after the job.
    /// </summary>
    public void WriteFakeGateway(string unit, string unitSection = "", string serviceSection = "") =>
        WriteUnit(unit, $"""
            [Unit]
            Description=Guard test fake gateway
            {unitSection}

            [Service]
            ExecStartPre=/bin/sh -c 'date +%%s.%%N >> {StartsFile(unit)}'
            ExecStart=/bin/sh -c 'exec sleep infinity'
            {serviceSection}
            """);

    /// <summary>Like the real gateway's unit: restarts always, but not after exit 78 (invalid config).</summary>
    public void WriteExitingGateway(string unit, int exitCode) =>
        WriteUnit(unit, $"""
            [Service]
            ExecStart=/bin/sh -c 'date +%%s.%%N >> {StartsFile(unit)}; exit {exitCode}'
            Restart=always
            RestartSec=100ms
            RestartPreventExitStatus=78
            """);

    public async Task<ProcessRun> SystemctlAsync(params string[] arguments) =>
        await ProcessRun.RunAsync("systemctl", ["--user", "--no-pager", .. arguments], ApplyEnvironment, ToolLimit);

    public async Task DaemonReloadAsync() => Ensure(await SystemctlAsync("daemon-reload"), "daemon-reload");

    public async Task StartUnitAsync(string unit) => Ensure(await SystemctlAsync("start", unit), $"start {unit}");

    public async Task StopUnitAsync(string unit) => Ensure(await SystemctlAsync("stop", unit), $"stop {unit}");

    /// <summary><c>systemctl --user show</c>, as a property → value map.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ShowAsync(string unit, params string[] properties)
    {
        var run = await SystemctlAsync("show", unit, "-p", string.Join(',', properties));
        Ensure(run, $"show {unit}");
        return run.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : string.Empty, StringComparer.Ordinal);
    }

    private void Ensure(ProcessRun run, string what)
    {
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"systemctl --user {what} failed ({run.ExitCode}): {run.StandardError}{run.StandardOutput}\nmanager output:\n{ManagerOutput}");
        }
    }

    /// <summary>An exclusive flock(2) on one file in the temp directory; the kernel drops it when this process dies.</summary>
    private static async Task<FileStream> AcquireMachineLockAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(MachineLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < MachineLockLimit)
            {
                await Task.Delay(250);
            }
        }
    }

    private async Task WaitUntilReadyAsync(Stopwatch clock)
    {
        var socket = Path.Join(RuntimeDirectory, "bus");
        ProcessRun? last = null;
        while (clock.Elapsed < ReadyLimit)
        {
            if (_manager!.HasExited)
            {
                throw new InvalidOperationException(
                    $"systemd --user exited with {_manager.ExitCode} before its bus came up. Output:\n{ManagerOutput}");
            }

            if (File.Exists(socket))
            {
                // The socket appears before dbus-daemon is activated behind it; a real call proves the whole path.
                last = await ProcessRun.RunAsync(
                    "busctl",
                    ["--user", "call", "org.freedesktop.systemd1", "/org/freedesktop/systemd1", "org.freedesktop.DBus.Peer", "Ping"],
                    ApplyEnvironment,
                    ToolLimit);
                if (last.ExitCode == 0)
                {
                    return;
                }
            }

            await Task.Delay(25);
        }

        throw new TimeoutException(
            $"systemd --user did not answer on {socket} within {ReadyLimit}. Last busctl: {last?.StandardError ?? "socket never appeared"}\n" +
            $"Manager output:\n{ManagerOutput}");
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_managerOutput)
        {
            // Bounded: only the start and any fatal tail matter for a failure message.
            if (_managerOutput.Length < 64_000)
            {
                _managerOutput.AppendLine(line);
            }
        }
    }
}
