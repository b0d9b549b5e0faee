using System.CommandLine;
using Daft.Coordinator.Cli.Farm;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Results.TensorBoard;

namespace Daft.Coordinator.Cli.Results;

/// <summary>
/// <c>daft results tensorboard SWEEP --out DIR</c>: a sweep's jobs as TensorBoard runs, from the ledger alone
/// (<see cref="TensorBoardExport"/>): one folder per job named by what it is, for <c>tensorboard --logdir DIR</c>.
/// </summary>
internal static class ResultsTensorBoardCommand
{
    internal static Command Create()
    {
        var farm = new FarmOptions();
        var sweep = new Argument<string>("sweep") { Description = "The sweep's id, a unique start of it, or its name when no other sweep has that name." };
        var output = new Option<string>("--out") { Description = "Folder the runs go to, one subfolder per job (created if missing).", Required = true };
        var command = new Command("tensorboard", "Write a sweep's per-epoch metrics as TensorBoard event files, one run per job.\n\nExamples:\n  daft results tensorboard digits-shift-lr --out tb/ && tensorboard --logdir tb/") { sweep, output };
        command.Options.Add(farm.Home);
        command.Options.Add(farm.Database);
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            using var ledger = LedgerFactory.Open(parse.GetValue(farm.Database), parse.GetValue(farm.Home));
            if (ledger.Find(parse.GetRequiredValue(sweep), out var error) is not { } found)
            {
                stderr.WriteLine($"results tensorboard: {error}");
                return ExitCodes.InvalidInput;
            }

            var folder = parse.GetRequiredValue(output);
            var runs = TensorBoardExport.Write(ledger, found.Id, folder);
            foreach (var run in runs)
            {
                stdout.WriteLine(run.EventFile);
            }

            stdout.WriteLine(runs.Count == 0
                ? $"sweep {found.Name} ({found.Id}): no job has a result yet"
                : $"sweep {found.Name} ({found.Id}): {runs.Count} runs in {Path.GetFullPath(folder)}; view with: tensorboard --logdir {Path.GetFullPath(folder)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
