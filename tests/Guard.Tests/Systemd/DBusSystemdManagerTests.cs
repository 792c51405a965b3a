using Guard.Systemd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Guard.Tests.Systemd;

/// <summary>The parts of the manager that never reach libsystemd.</summary>
public sealed class DBusSystemdManagerTests
{
    [Fact]
    public async Task Without_XDG_RUNTIME_DIR_every_operation_is_NoBus_without_an_exception()
    {
        using var manager = new DBusSystemdManager(
            new SystemdBusOptions(), new FakeTimeProvider(), NullLogger<DBusSystemdManager>.Instance, _ => null);

        var state = await manager.GetUnitStateAsync("openclaw-gateway.service");
        var restart = await manager.RestartUnitAsync("openclaw-gateway.service");
        var reset = await manager.ResetFailedUnitAsync("openclaw-gateway.service");
        var wait = await manager.WaitForJobAsync("/org/freedesktop/systemd1/job/1", TimeSpan.FromSeconds(1));

        Assert.All(
            new SystemdResult[] { state, restart, reset, wait },
            r => Assert.Equal(SystemdErrorKind.NoBus, r.Error?.Kind));
        Assert.Contains("XDG_RUNTIME_DIR", state.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejects_an_empty_unit_name()
    {
        using var manager = new DBusSystemdManager(
            new SystemdBusOptions(), new FakeTimeProvider(), NullLogger<DBusSystemdManager>.Instance, _ => null);

        await Assert.ThrowsAsync<ArgumentException>(() => manager.GetUnitStateAsync(" "));
    }

    [Theory]
    [InlineData("done", SystemdJobResult.Done)]
    [InlineData("canceled", SystemdJobResult.Canceled)]
    [InlineData("timeout", SystemdJobResult.Timeout)]
    [InlineData("failed", SystemdJobResult.Failed)]
    [InlineData("dependency", SystemdJobResult.Dependency)]
    [InlineData("skipped", SystemdJobResult.Skipped)]
    [InlineData("unsupported", SystemdJobResult.Other)]
    public void Parses_job_results(string raw, SystemdJobResult expected) =>
        Assert.Equal(expected, SystemdJobCompletion.Parse(raw));

    [Fact]
    public void Timestamps_are_realtime_microseconds_and_zero_means_never()
    {
        Assert.Null(UnitPropertiesReader.FromMicroseconds(0));
        Assert.Equal(
            new DateTimeOffset(2026, 2, 12, 8, 30, 0, TimeSpan.Zero).AddTicks(10),
            UnitPropertiesReader.FromMicroseconds(1_770_885_000_000_001UL));
    }

    [Fact]
    public void AddGuardSystemd_registers_one_sd_bus_manager()
    {
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging().AddGuardSystemd(o => o.RuntimeDirectory = "/tmp/x");
        using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<ISystemdManager>();

        Assert.IsType<DBusSystemdManager>(first);
        Assert.Same(first, provider.GetRequiredService<ISystemdManager>());
    }
}
