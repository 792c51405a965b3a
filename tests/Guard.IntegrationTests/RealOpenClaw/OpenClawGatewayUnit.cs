using System.Globalization;
using System.Text;
using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// The real gateway as a user unit of a private systemd manager, written the way <c>openclaw gateway install</c> writes
/// its own (Restart=always, RestartPreventExitStatus=78, KillMode=mixed, the release's Node running <c>gateway run</c>)
/// — that command refuses to run without the system manager, so the test writes it. Each start appends a line to the
/// manager's starts file (ExecStartPre), so a test counts real starts, not Guard's records.
/// </summary>
public static class OpenClawGatewayUnit
{
    public const string Name = "openclaw-gateway.service";

    public static async Task StartAsync(PrivateUserManager manager, OpenClawTestHome home, string unit = Name)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(home);
        var environment = new StringBuilder();
        foreach (var (name, value) in home.Environment(new Dictionary<string, string> { ["OPENCLAW_SYSTEMD_UNIT"] = unit }))
        {
            environment.Append(CultureInfo.InvariantCulture, $"Environment=\"{name}={value}\"\n");
        }

        var command = string.Join(' ', OpenClawGateway.GatewayCommand(home));
        manager.WriteUnit(unit, $"""
            [Unit]
            Description=OpenClaw Gateway (Guard test bed, {home.Release.Version})
            StartLimitBurst=10
            StartLimitIntervalSec=300

            [Service]
            {environment}WorkingDirectory={home.Root}
            ExecStartPre=/bin/sh -c 'date +%%s.%%N >> {manager.StartsFile(unit)}'
            ExecStart={command}
            Restart=always
            RestartSec=1
            RestartPreventExitStatus=78
            KillMode=mixed
            TimeoutStopSec=60
            """);
        await manager.DaemonReloadAsync();
        await manager.StartUnitAsync(unit);
        await OpenClawGateway.WaitHealthyAsync(home, () => null);
    }
}
