using System.CommandLine;
using System.Text.Json;
using Daft.Coordinator.Api;
using Daft.Coordinator.Cli.Farm;
using Daft.Coordinator.Cli.Jobs;
using Daft.Coordinator.Ledger;

namespace Daft.Coordinator.Cli;

/// <summary>
/// <c>daft job show FILE|JOB_ID</c>: for a job file, the resolved job (defaults filled in, paths absolute) as YAML with
/// its id and seed noted; for a job of the farm, its state, where it ran, why it ended, its result, logs and history
/// from the ledger (<c>--json</c> for all of it).
/// </summary>
internal static class JobShowCommand
{
    public static Command Create()
    {
        var farm = new FarmOptions();
        var target = new Argument<string>("file-or-job-id") { Description = "A job file (YAML), or the id (or a unique prefix) of a job in the ledger." };
        var json = new Option<bool>("--json") { Description = "For a farm job: print the job, its history and its result as JSON." };
        var command = new Command("show", """
            Print a job. A job file: the resolved job as YAML (defaults filled in, paths made absolute, the id and the
            derived seed noted; the output is itself a valid job file with the same id). A job id: its state, attempts,
            node and device, reason, result at the chosen epoch, log files and history, read from the ledger.

            Examples:
              daft job show configs/jobs/digits-ft.yaml
              daft job show 3f2a9c1e
              daft job show 3f2a9c1e --json
            """)
        {
            target, json,
        };
        command.Options.Add(farm.Home);
        command.Options.Add(farm.Database);
        command.SetAction(parseResult =>
        {
            var text = parseResult.GetRequiredValue(target);
            if (File.Exists(text) || text.EndsWith(".yaml", StringComparison.Ordinal) || text.EndsWith(".yml", StringComparison.Ordinal))
            {
                var spec = JobFiles.TryLoad(text, parseResult.InvocationConfiguration.Error);
                if (spec is null)
                {
                    return ExitCodes.InvalidInput;
                }

                parseResult.InvocationConfiguration.Output.Write(spec.ToYaml(withNotes: true));
                return ExitCodes.Ok;
            }

            using var ledger = LedgerFactory.Open(parseResult.GetValue(farm.Database), parseResult.GetValue(farm.Home));
            if (ledger.FindJob(text, out var error) is not { } job)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"job show: no job file '{text}', and {error}");
                return ExitCodes.InvalidInput;
            }

            var view = FarmJobView.Of(ledger, job, farm.HomeOf(parseResult));
            if (parseResult.GetValue(json))
            {
                parseResult.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(view, ApiJson.Indented));
            }
            else
            {
                view.Write(parseResult.InvocationConfiguration.Output);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
