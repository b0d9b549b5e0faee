using Daft.Coordinator.Ledger;
using Daft.Shared.Results.TensorBoard;

namespace Daft.Coordinator.Results.TensorBoard;

/// <summary>One job written as a TensorBoard run: its id, its folder's name (<see cref="RunLabels"/>) and its event file.</summary>
public sealed record ExportedRun(string JobId, string Label, string EventFile);

/// <summary>
/// A sweep's results as TensorBoard runs, from the ledger alone: one folder per job that has a stored result with an
/// epoch or a final evaluation, named by its label (<c>&lt;dataset&gt;_&lt;model&gt;_&lt;method&gt;_&lt;hyper&gt;_run&lt;k&gt;</c>)
/// so that <c>tensorboard --logdir FOLDER</c> lists and compares them by what they are. The scalars are those the node
/// writes (<see cref="RunScalars"/>); wall times count from the job's start in the ledger.
/// </summary>
public static class TensorBoardExport
{
    public static IReadOnlyList<ExportedRun> Write(IJobLedger ledger, string sweepId, string folder) => Write(SweepRuns.Of(ledger, sweepId), folder);

    public static IReadOnlyList<ExportedRun> Write(IReadOnlyList<SweepRun> runs, string folder)
    {
        var labels = RunLabels.Unique(runs.Select(run => run.Row));
        var exported = new List<ExportedRun>();
        foreach (var run in runs)
        {
            if (run.Result is not { } result || (result.Epochs.IsEmpty && result.Final.IsEmpty))
            {
                continue;
            }

            // The ledger's start of the latest attempt; without it, its end minus the job's own total time.
            var started = run.Job.StartedAt ?? run.Job.FinishedAt?.AddSeconds(-result.Timings.Total) ?? run.Job.SubmittedAt;
            var label = labels[run.Job.Id];
            exported.Add(new ExportedRun(run.Job.Id, label, RunEventFile.Write(Path.Combine(folder, label), result, started)));
        }

        return exported;
    }
}
