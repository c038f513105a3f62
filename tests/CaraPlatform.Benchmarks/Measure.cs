using System.Diagnostics;

namespace CaraPlatform.Benchmarks;

internal static class Measure
{
    /// <summary>The host's resident memory in MB, when its process id was given (0 otherwise).</summary>
    public static double HostWorkingSetMb(BenchOptions options)
    {
        if (options.HostPid is not { } pid) return 0;
        try
        {
            return Process.GetProcessById(pid).WorkingSet64 / 1024.0 / 1024.0;
        }
        catch (ArgumentException)
        {
            return 0;
        }
    }
}
