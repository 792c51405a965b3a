using Guard.Configuration;
using Guard.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.IntegrationTests.Systemd;

/// <summary>Real libsystemd, no manager: what a user sees when the bus is not there.</summary>
public sealed class SdBusNoBusTests
{
    [SdBusFact]
    public async Task A_runtime_directory_without_a_bus_socket_is_NoBus_naming_the_address()
    {
        var empty = Directory.CreateTempSubdirectory("guard-nobus-");
        try
        {
            using var manager = new SdBusSystemdManager(
                new SystemdBusOptions { Bus = BusKind.User, RuntimeDirectory = empty.FullName }, TimeProvider.System, NullLogger<SdBusSystemdManager>.Instance);

            var state = await manager.GetUnitStateAsync("openclaw-gateway.service");
            var restart = await manager.RestartUnitAsync("openclaw-gateway.service");

            var expected = $"unix:path={empty.FullName}/bus";
            Assert.Equal(SystemdErrorKind.NoBus, state.Error?.Kind);
            Assert.Contains(expected, state.Error!.Message, StringComparison.Ordinal);
            Assert.Equal(expected, state.Error.BusAddress);
            Assert.Equal(SystemdErrorKind.NoBus, restart.Error?.Kind);
            Assert.Contains(expected, restart.Error!.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [SdBusFact]
    public async Task A_socket_path_that_is_not_a_bus_is_NoBus()
    {
        var empty = Directory.CreateTempSubdirectory("guard-nobus-");
        try
        {
            // A regular file where the socket should be: connect() fails with ECONNREFUSED, not ENOENT.
            await File.WriteAllTextAsync(Path.Join(empty.FullName, "bus"), "not a socket");
            using var manager = new SdBusSystemdManager(
                new SystemdBusOptions { Bus = BusKind.User, RuntimeDirectory = empty.FullName }, TimeProvider.System, NullLogger<SdBusSystemdManager>.Instance);

            var state = await manager.GetUnitStateAsync("openclaw-gateway.service");

            Assert.Equal(SystemdErrorKind.NoBus, state.Error?.Kind);
            Assert.Contains(empty.FullName, state.Error!.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
