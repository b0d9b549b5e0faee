using System.CommandLine;

namespace Daft.Coordinator.Cli;

/// <summary><c>daft job show FILE</c>: prints the resolved job (defaults filled in, paths absolute) as YAML, with its id and seed noted.</summary>
internal static class JobShowCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The job file (YAML)." };
        var command = new Command(
            "show",
            "Print the resolved job as YAML: defaults filled in, paths made absolute, the id and the derived seed noted. "
            + "The output is itself a valid job file with the same id.")
        {
            file,
        };
        command.SetAction(parseResult =>
        {
            var spec = JobFiles.TryLoad(parseResult.GetRequiredValue(file), parseResult.InvocationConfiguration.Error);
            if (spec is null)
            {
                return ExitCodes.InvalidInput;
            }

            parseResult.InvocationConfiguration.Output.Write(spec.ToYaml(withNotes: true));
            return ExitCodes.Ok;
        });
        return command;
    }
}
