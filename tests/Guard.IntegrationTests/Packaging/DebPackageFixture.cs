using System.Diagnostics;
using Guard.IntegrationTests.Systemd;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Guard.IntegrationTests.Packaging;

/// <summary>
/// One .deb per test class: <c>GUARD_DEB</c> when CI already built one, otherwise packaging/build-deb.sh with a
/// Native AOT publish of its own (the slow part, about half a minute on a free machine).
/// </summary>
public sealed class DebPackageFixture : IAsyncLifetime
{
    public const string PackageVariable = "GUARD_DEB";

    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(10);
    private readonly IMessageSink _diagnostics;

    public DebPackageFixture(IMessageSink diagnostics) => _diagnostics = diagnostics;

    public string Work { get; } = Directory.CreateTempSubdirectory("guard-deb-").FullName;

    public string DebPath { get; private set; } = "";

    public string BuildOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (DebPackageFactAttribute.SkipReason is not null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(PackageVariable) is { Length: > 0 } prebuilt && File.Exists(prebuilt))
        {
            DebPath = prebuilt;
            return;
        }

        var clock = Stopwatch.StartNew();
        var run = await ProcessRun.RunAsync(
            "bash", [Path.Join(RepositoryPaths.Packaging, "build-deb.sh"), "--output", Work], _ => { }, BuildLimit);
        BuildOutput = run.StandardError + run.StandardOutput;
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"build-deb.sh failed ({run.ExitCode}):\n{BuildOutput}");
        }

        DebPath = run.StandardOutput.Trim().Split('\n')[^1];
        _diagnostics.OnMessage(new DiagnosticMessage($"built {DebPath} in {clock.Elapsed.TotalSeconds:F0} s"));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Work, recursive: true);
        return Task.CompletedTask;
    }
}
