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
            using var manager = new DBusSystemdManager(
                new SystemdBusOptions { Bus = BusKind.User, RuntimeDirectory = empty.FullName }, TimeProvider.System, NullLogger<DBusSystemdManager>.Instance);

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
            using var manager = new DBusSystemdManager(
                new SystemdBusOptions { Bus = BusKind.User, RuntimeDirectory = empty.FullName }, TimeProvider.System, NullLogger<DBusSystemdManager>.Instance);

            var state = await manager.GetUnitStateAsync("openclaw-gateway.service");

            Assert.Equal(SystemdErrorKind.NoBus, state.Error?.Kind);
            Assert.Contains(empty.FullName, state.Error!.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [SdBusFact]
    public async Task A_bus_that_accepts_and_never_answers_times_out_instead_of_hanging()
    {
        var directory = Directory.CreateTempSubdirectory("guard-silentbus-");
        using var listener = new System.Net.Sockets.Socket(
            System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        try
        {
            // Connections queue in the backlog and nobody reads: sd-bus's authentication would wait on it for good.
            listener.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Join(directory.FullName, "bus")));
            listener.Listen(8);
            using var manager = new DBusSystemdManager(
                new SystemdBusOptions { Bus = BusKind.User, RuntimeDirectory = directory.FullName, CallTimeout = TimeSpan.FromSeconds(1) },
                TimeProvider.System, NullLogger<DBusSystemdManager>.Instance);
            var clock = System.Diagnostics.Stopwatch.StartNew();

            var state = await manager.GetUnitStateAsync("openclaw-gateway.service");

            Assert.Equal(SystemdErrorKind.Timeout, state.Error?.Kind);
            Assert.Contains("did not answer within 2 s", state.Error!.Message, StringComparison.Ordinal);
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));

            var restart = await manager.RestartUnitAsync("openclaw-gateway.service");

            Assert.Equal(SystemdErrorKind.Timeout, restart.Error?.Kind);
            Assert.Contains("did not answer within 2 s", restart.Error!.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
