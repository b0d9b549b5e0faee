using Daft.Coordinator.Jobs;
using Daft.Coordinator.Sweeps;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Cli.Sweep;

/// <summary>Loads and expands a sweep file for a verb, printing its errors (one per line, <c>file:line:col: message</c>) when it is invalid.</summary>
internal static class SweepFiles
{
    public static SweepPlan? TryLoad(string path, TextWriter error)
    {
        try
        {
            return SweepLoader.Load(path);
        }
        catch (ConfigException e)
        {
            foreach (var problem in e.Errors)
            {
                error.WriteLine(problem);
            }

            return null;
        }
    }
}
