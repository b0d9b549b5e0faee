using System.CommandLine;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Cli;

/// <summary><c>daft job id FILE</c>: prints only the job's id (for scripts).</summary>
internal static class JobIdCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The job file (YAML)." };
        var command = new Command("id", "Print the job's id: 16 hex characters of the SHA-256 of its canonical form.\n\nExamples:\n  daft job id configs/jobs/digits-ft.yaml") { file };
        command.SetAction(parseResult =>
        {
            var spec = JobFiles.TryLoad(parseResult.GetRequiredValue(file), parseResult.InvocationConfiguration.Error);
            if (spec is null)
            {
                return ExitCodes.InvalidInput;
            }

            parseResult.InvocationConfiguration.Output.WriteLine(JobIdentity.IdOf(spec));
            return ExitCodes.Ok;
        });
        return command;
    }
}
