using Xunit.Abstractions;
using Xunit.Sdk;

namespace Guard.IntegrationTests.Systemd;

/// <summary>A <see cref="PrivateUserManager"/> per test class: started before the first test, stopped after the last.</summary>
public sealed class SystemdUserManagerFixture(IMessageSink diagnostics) : PrivateUserManager, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await StartAsync();
        if (StartupTime > TimeSpan.Zero)
        {
            diagnostics.OnMessage(new DiagnosticMessage($"systemd --user ready in {StartupTime.TotalMilliseconds:F0} ms ({RuntimeDirectory})"));
        }
    }

    public Task DisposeAsync() => StopAsync();
}
