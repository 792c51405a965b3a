using System.Diagnostics;
using System.Globalization;
using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>
/// One release's shared bed for the end-to-end tests: its installation, scripted providers, a home set up by its CLI,
/// and its gateway as a unit of the private user manager written like <c>openclaw gateway install</c>'s. Built once per release and reused
/// by every phase, because a home and a gateway start cost most of a test's time.
/// </summary>
public sealed class EndToEndBed : IAsyncDisposable
{
    private EndToEndBed(PrivateUserManager manager, ScriptedModelProviders providers, OpenClawTestHome home, string unit)
    {
        Unit = unit;
        Manager = manager;
        Providers = providers;
        Home = home;
    }

    public PrivateUserManager Manager { get; }

    public ScriptedModelProviders Providers { get; }

    public OpenClawTestHome Home { get; }

    public OpenClawRelease Release => Home.Release;

    /// <summary>The gateway's unit; Guard is told its name (Guard:OpenClaw:Unit), as an owner with two gateways would.</summary>
    public string Unit { get; }

    public TimeSpan InstallTime { get; private set; }

    public TimeSpan SetUpTime { get; private set; }

    public static async Task<EndToEndBed> StartAsync(PrivateUserManager manager, OpenClawRelease release, string unit)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var clock = Stopwatch.StartNew();
        var installation = await OpenClawInstaller.EnsureAsync(release);
        var installTime = clock.Elapsed;
        var providers = await ScriptedModelProviders.StartAsync(OpenClawTestHome.ChainFor(release));
        try
        {
            var home = await OpenClawTestHome.CreateAsync(installation, providers);
            var bed = new EndToEndBed(manager, providers, home, unit) { InstallTime = installTime };
            await OpenClawGatewayUnit.StartAsync(manager, home, unit);
            bed.SetUpTime = clock.Elapsed - installTime;
            return bed;
        }
        catch
        {
            await providers.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every provider healthy and the unit active and answering its health URL (a phase before may have restarted or failed it).</summary>
    public async Task EnsureServingAsync()
    {
        Providers.SetAll(ProviderBehaviour.Healthy);
        var state = await Manager.ShowAsync(Unit, "ActiveState");
        if (state.GetValueOrDefault("ActiveState") != "active")
        {
            await Manager.StartUnitAsync(Unit);
        }

        await OpenClawGateway.WaitHealthyAsync(Home, () => null);
    }

    public async Task<int> MainPidAsync() =>
        int.Parse((await Manager.ShowAsync(Unit, "MainPID"))["MainPID"], CultureInfo.InvariantCulture);

    public int Starts => Manager.CountStarts(Unit);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Manager.SystemctlAsync("stop", Unit);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
        {
            // The manager is going away with the fixture anyway.
        }

        await Providers.DisposeAsync();
        Home.Dispose();
    }
}
