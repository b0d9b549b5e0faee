using System.CommandLine;

namespace Daft.Coordinator.Cli;

/// <summary><c>daft job</c>: the verbs that check and inspect job files.</summary>
internal static class JobCommand
{
    public static Command Create() => new("job", "Check and inspect job files (configs/README.md describes the format).")
    {
        JobValidateCommand.Create(),
        JobShowCommand.Create(),
        JobIdCommand.Create(),
    };
}
