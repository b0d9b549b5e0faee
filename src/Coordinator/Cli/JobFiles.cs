using Daft.Shared.Specs;

namespace Daft.Coordinator.Cli;

/// <summary>Loads a job file for a verb, printing its errors (one per line, <c>file:line:col: message</c>) when it is invalid.</summary>
internal static class JobFiles
{
    public static JobSpec? TryLoad(string path, TextWriter error)
    {
        try
        {
            return JobSpecLoader.Load(path);
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
