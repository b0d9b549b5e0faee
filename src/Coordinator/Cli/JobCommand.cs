using System.CommandLine;

namespace Daft.Coordinator.Cli;

/// <summary><c>daft job</c>: check and inspect job files, and inspect and control the jobs of the farm.</summary>
internal static class JobCommand
{
    public static Command Create() => new("job", "Check job files (configs/README.md describes the format); show, follow, retry and cancel the farm's jobs.")
    {
        JobValidateCommand.Create(),
        JobShowCommand.Create(),
        JobIdCommand.Create(),
        Jobs.JobLogsCommand.Create(),
        Jobs.JobControlCommands.Retry(),
        Jobs.JobControlCommands.Cancel(),
    };
}
