using System.CommandLine;
using Daft.Coordinator.Cli.Farm;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Results;
using Daft.Coordinator.Results.Plots;

namespace Daft.Coordinator.Cli.Results;

/// <summary>
/// <c>daft results plot SWEEP --out DIR [--job JOB_ID]... [--all-jobs]</c>: PNG plots of a sweep straight from the
/// ledger (the cluster may be down): accuracy vs learning rate per (dataset, model) for ID val and each OOD set, ID vs
/// OOD per OOD set, and per-epoch curves of the jobs asked for. Prints each path written.
/// </summary>
internal static class ResultsPlotCommand
{
    internal static Command Create()
    {
        var farm = new FarmOptions();
        var sweep = new Argument<string>("sweep") { Description = "The sweep's id, a unique start of it, or its name when no other sweep has that name." };
        var output = new Option<string>("--out") { Description = "Folder the PNG files go to (created if missing).", Required = true };
        var jobs = new Option<string[]>("--job")
        {
            Description = "Also plot this job's per-epoch curves (an id or a unique prefix of one in the sweep; repeatable).",
            AllowMultipleArgumentsPerToken = true,
        };
        var allJobs = new Option<bool>("--all-jobs") { Description = "Also plot the per-epoch curves of every job of the sweep that has epochs." };
        var command = new Command("plot", "Plot a sweep's results as PNG files: accuracy vs LR, ID vs OOD, per-epoch curves.\n\nExamples:\n  daft results plot digits-shift-lr --out plots/\n  daft results plot digits-shift-lr --out plots/ --job 02c6ef70\n  daft results plot tiny --out plots/ --all-jobs") { sweep, output, jobs, allJobs };
        command.Options.Add(farm.Home);
        command.Options.Add(farm.Database);
        command.SetAction(parse =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            using var ledger = LedgerFactory.Open(parse.GetValue(farm.Database), parse.GetValue(farm.Home));
            if (ledger.Find(parse.GetRequiredValue(sweep), out var error) is not { } found)
            {
                stderr.WriteLine($"results plot: {error}");
                return ExitCodes.InvalidInput;
            }

            var runs = SweepRuns.Of(ledger, found.Id);
            if (!JobSelection.TrySelect(runs, parse.GetValue(jobs) ?? [], parse.GetValue(allJobs), out var selected, out error))
            {
                stderr.WriteLine($"results plot: {error}");
                return ExitCodes.InvalidInput;
            }

            var folder = parse.GetRequiredValue(output);
            var written = SweepPlots.WriteSweep(runs, found.Name, folder).ToList();
            var labels = RunLabels.Unique(runs.Select(run => run.Row));
            foreach (var run in selected)
            {
                if (SweepPlots.WriteJob(run, labels[run.Job.Id], found.Name, folder) is { } path)
                {
                    written.Add(path);
                }
                else
                {
                    stdout.WriteLine($"no per-epoch plot for {labels[run.Job.Id]} ({run.Job.Id}): {(run.Result is null ? $"no result ({run.Job.State.ToString().ToLowerInvariant()})" : "no epoch (LP chooses its C without epochs)")}");
                }
            }

            foreach (var path in written)
            {
                stdout.WriteLine(path);
            }

            stdout.WriteLine(written.Count == 0
                ? $"sweep {found.Name} ({found.Id}): nothing to plot yet: no job has a result"
                : $"sweep {found.Name} ({found.Id}): {written.Count} PNG files in {Path.GetFullPath(folder)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
