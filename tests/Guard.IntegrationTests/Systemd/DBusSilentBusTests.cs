using System.Diagnostics;
using System.Net.Sockets;
using Guard.Configuration;
using Guard.Systemd;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guard.IntegrationTests.Systemd;

/// <summary>A socket that accepts connections and never answers: every operation, the drill's too, ends in a bounded Timeout.</summary>
public sealed class DBusSilentBusTests
{
    [SdBusFact]
    public async Task Every_operation_on_a_bus_that_never_answers_is_a_bounded_Timeout_and_the_next_one_tries_again()
    {
        var directory = Directory.CreateTempSubdirectory("guard-silentbus-");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(Path.Join(directory.FullName, "bus")));
            listener.Listen(16);
            using var manager = new DBusSystemdManager(
                new SystemdBusOptions { Bus = BusKind.User, RuntimeDirectory = directory.FullName, CallTimeout = TimeSpan.FromMilliseconds(500) },
                TimeProvider.System, NullLogger<DBusSystemdManager>.Instance);
            var clock = Stopwatch.StartNew();

            var results = new SystemdResult[]
            {
                await manager.ResetFailedUnitAsync("openclaw-gateway.service"),
                await manager.WaitForJobAsync("/org/freedesktop/systemd1/job/1", TimeSpan.FromMinutes(5)),
                await manager.StartTransientServiceAsync(new TransientService("guard-silent.service", "x", ["/bin/true"], TimeSpan.FromMinutes(1))),
                await manager.StopUnitAsync("guard-silent.service"),
                await manager.GetUnitStateAsync("openclaw-gateway.service"),
            };

            Assert.All(results, r => Assert.Equal(SystemdErrorKind.Timeout, r.Error?.Kind));
            Assert.All(results, r => Assert.Contains("did not answer within 1 s", r.Error!.Message, StringComparison.Ordinal));
            // Five operations, each a fresh connection attempt bounded by 2 × 500 ms: nothing waited for the 5-minute job limit.
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(5 * 0.9), TimeSpan.FromSeconds(20));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
