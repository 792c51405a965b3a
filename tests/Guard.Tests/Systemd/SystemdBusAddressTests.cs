using Guard.Configuration;
using Guard.Systemd;

namespace Guard.Tests.Systemd;

public sealed class SystemdBusAddressTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void User_bus_is_the_bus_socket_in_XDG_RUNTIME_DIR()
    {
        var result = SystemdBusAddress.Resolve(new SystemdBusOptions(), Env(("XDG_RUNTIME_DIR", "/run/user/1000")));

        Assert.Equal("unix:path=/run/user/1000/bus", result.Value);
    }

    [Fact]
    public void User_bus_ignores_a_session_bus_address()
    {
        var result = SystemdBusAddress.Resolve(
            new SystemdBusOptions(),
            Env(("XDG_RUNTIME_DIR", "/run/user/1000"), ("DBUS_SESSION_BUS_ADDRESS", "unix:abstract=/tmp/dbus-x")));

        Assert.Equal("unix:path=/run/user/1000/bus", result.Value);
    }

    [Fact]
    public void Explicit_runtime_directory_wins_over_the_environment()
    {
        var result = SystemdBusAddress.Resolve(
            new SystemdBusOptions { RuntimeDirectory = "/tmp/rt" }, Env(("XDG_RUNTIME_DIR", "/run/user/1000")));

        Assert.Equal("unix:path=/tmp/rt/bus", result.Value);
    }

    [Fact]
    public void Explicit_address_wins_over_everything()
    {
        var result = SystemdBusAddress.Resolve(
            new SystemdBusOptions { Bus = BusKind.System, Address = "unix:path=/x/bus", RuntimeDirectory = "/tmp/rt" }, Env());

        Assert.Equal("unix:path=/x/bus", result.Value);
    }

    [Fact]
    public void Unset_XDG_RUNTIME_DIR_is_NoBus_with_the_remedy()
    {
        var result = SystemdBusAddress.Resolve(new SystemdBusOptions(), Env());

        Assert.Equal(SystemdErrorKind.NoBus, result.Error?.Kind);
        Assert.Contains("XDG_RUNTIME_DIR is not set", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("loginctl enable-linger", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("XDG_RUNTIME_DIR=/run/user/$(id -u)", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void System_bus_defaults_to_the_well_known_socket()
    {
        var result = SystemdBusAddress.Resolve(new SystemdBusOptions { Bus = BusKind.System }, Env(("XDG_RUNTIME_DIR", "/run/user/1000")));

        Assert.Equal("unix:path=/run/dbus/system_bus_socket", result.Value);
    }

    [Fact]
    public void System_bus_honours_DBUS_SYSTEM_BUS_ADDRESS()
    {
        var result = SystemdBusAddress.Resolve(
            new SystemdBusOptions { Bus = BusKind.System }, Env(("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/var/run/dbus/alt")));

        Assert.Equal("unix:path=/var/run/dbus/alt", result.Value);
    }

    [Theory]
    [InlineData("/run/user/1000", "unix:path=/run/user/1000/bus")]
    [InlineData("/tmp/with space", "unix:path=/tmp/with%20space/bus")]
    [InlineData("/tmp/a=b,c;d", "unix:path=/tmp/a%3db%2cc%3bd/bus")]
    [InlineData("/tmp/ü", "unix:path=/tmp/%c3%bc/bus")]
    public void Runtime_directory_is_escaped_for_a_dbus_address(string directory, string expected) =>
        Assert.Equal(expected, SystemdBusAddress.ForRuntimeDirectory(directory));
}
