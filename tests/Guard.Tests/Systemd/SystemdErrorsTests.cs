using Guard.Systemd;

namespace Guard.Tests.Systemd;

public sealed class SystemdErrorsTests
{
    private const string Address = "unix:path=/run/user/1000/bus";

    [Theory]
    [InlineData("org.freedesktop.systemd1.NoSuchUnit", SystemdErrorKind.NoSuchUnit)]
    [InlineData("org.freedesktop.systemd1.NoSuchJob", SystemdErrorKind.NoSuchJob)]
    [InlineData("org.freedesktop.DBus.Error.AccessDenied", SystemdErrorKind.AccessDenied)]
    [InlineData("org.freedesktop.DBus.Error.InteractiveAuthorizationRequired", SystemdErrorKind.AccessDenied)]
    [InlineData("System.Error.EPERM", SystemdErrorKind.AccessDenied)]
    [InlineData("org.freedesktop.DBus.Error.NoReply", SystemdErrorKind.Timeout)]
    [InlineData("org.freedesktop.DBus.Error.Timeout", SystemdErrorKind.Timeout)]
    [InlineData("System.Error.ETIMEDOUT", SystemdErrorKind.Timeout)]
    [InlineData("org.freedesktop.DBus.Error.ServiceUnknown", SystemdErrorKind.NoBus)]
    [InlineData("System.Error.ECONNREFUSED", SystemdErrorKind.NoBus)]
    [InlineData("org.freedesktop.systemd1.UnitMasked", SystemdErrorKind.Other)]
    [InlineData("org.freedesktop.DBus.Error.InvalidArgs", SystemdErrorKind.Other)]
    [InlineData(null, SystemdErrorKind.Other)]
    public void Maps_dbus_error_names_to_kinds(string? name, SystemdErrorKind expected) =>
        Assert.Equal(expected, SystemdErrors.KindOf(name));

    [Fact]
    public void Other_keeps_the_dbus_name_and_message()
    {
        var error = SystemdErrors.FromDBus("org.freedesktop.systemd1.UnitMasked", "Unit x.service is masked.", Address);

        Assert.Equal(SystemdErrorKind.Other, error.Kind);
        Assert.Equal("org.freedesktop.systemd1.UnitMasked", error.DBusName);
        Assert.Equal("Unit x.service is masked.", error.Message);
        Assert.Equal(Address, error.BusAddress);
    }

    [Fact]
    public void NoBus_from_a_call_names_the_address()
    {
        var error = SystemdErrors.FromDBus("org.freedesktop.DBus.Error.ServiceUnknown", "The name is not activatable", Address);

        Assert.Equal(SystemdErrorKind.NoBus, error.Kind);
        Assert.Contains(Address, error.Message, StringComparison.Ordinal);
        Assert.Contains("The name is not activatable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_socket_says_where_it_looked_and_what_to_check()
    {
        var error = SystemdErrors.ConnectFailed(Address, "user", Errno.ENOENT, "No such file or directory");

        Assert.Equal(SystemdErrorKind.NoBus, error.Kind);
        Assert.Contains(Address, error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
        Assert.Contains("lingering", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_connection_has_no_missing_socket_hint()
    {
        var error = SystemdErrors.ConnectFailed(Address, "system", Errno.ECONNREFUSED, "Connection refused");

        Assert.Contains("system bus at " + Address, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("lingering", error.Message, StringComparison.Ordinal);
    }
}
