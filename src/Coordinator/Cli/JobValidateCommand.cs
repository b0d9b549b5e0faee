using System.CommandLine;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Cli;

/// <summary><c>daft job validate FILE...</c>: checks every file, prints <c>OK id file</c> for each valid one and every error of the others.</summary>
internal static class JobValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Job files (YAML) to check.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("validate", "Check job files; exit 0 when all are valid, 2 otherwise.\n\nExamples:\n  daft job validate configs/jobs/*.yaml") { files };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var allValid = true;
            foreach (var path in parseResult.GetRequiredValue(files))
            {
                if (JobFiles.TryLoad(path, error) is { } spec)
                {
                    output.WriteLine($"OK {JobIdentity.IdOf(spec)} {path}");
                }
                else
                {
                    allValid = false;
                }
            }

            return allValid ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }
}
