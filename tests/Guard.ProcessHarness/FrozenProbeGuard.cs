using Guard.Cli;
using Guard.Probing;
using Microsoft.Extensions.DependencyInjection;

namespace Guard.ProcessHarness;

/// <summary><c>guard &lt;args&gt;</c> in this process, its prober replaced by a <see cref="FreezableProber"/> on <c>freezeFile</c>.</summary>
internal static class FrozenProbeGuard
{
    public static Task<int> RunAsync(string freezeFile, string[] guardArguments) =>
        GuardCommandLine.InvokeAsync(guardArguments, serviceOverrides:
        [
            ServiceDescriptor.Singleton<IModelProber>(sp => new FreezableProber(
                ActivatorUtilities.CreateInstance<ModelProber>(sp), freezeFile, sp.GetRequiredService<TimeProvider>())),
        ]);
}
