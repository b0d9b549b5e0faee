using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Results;
using Daft.Shared.Results;

namespace Daft.Coordinator.Cli.Farm;

/// <summary>
/// The end of <c>daft run</c>: one row per job of the sweep from the ledger's results (the table of
/// <c>daft results show</c>); with replicates or a grid, the summary per (dataset, model, method) of
/// <see cref="SummaryTable"/>; then every job that did not succeed with its reason. Exit status: 0 when every job
/// succeeded, <see cref="ExitCodes.JobsFailed"/> otherwise.
/// </summary>
internal static class SweepReport
{
    public static int Write(TextWriter output, IJobLedger ledger, SweepPlan plan)
    {
        var order = plan.Jobs.Select((job, index) => (job.Id, index)).ToDictionary(pair => pair.Id, pair => pair.index, StringComparer.Ordinal);
        var results = ledger.ResultsOfSweep(plan.SweepId)
            .Select(stored => RunResult.FromJson(stored.ResultJson))
            .OrderBy(result => order.GetValueOrDefault(result.JobId, int.MaxValue))
            .ToList();
        output.WriteLine();
        if (results.Count > 0)
        {
            ResultTable.Write(output, results);
        }

        var cells = ResultAggregator.Aggregate(LedgerResultRows.Of(ledger, plan.SweepId));
        if (cells.Any(cell => cell.Groups.Count > 1 || cell.Groups.Any(group => group.Runs > 1)))
        {
            // Replicates or a grid: the LP-FT convention's summary (best mean ID-val setting per cell, mean ± std).
            output.WriteLine();
            SummaryTable.Write(output, cells);
        }

        output.WriteLine();
        var unfinished = ledger.JobsOfSweep(plan.SweepId).Where(job => job.State != JobState.Succeeded).ToList();
        foreach (var job in unfinished)
        {
            output.WriteLine($"{job.State.Text(),-9} {job.Id} {job.Method} {job.Dataset} {job.Backbone} run {job.RunNum}: {job.Reason ?? "not run"}");
        }

        return unfinished.Count == 0 ? ExitCodes.Ok : ExitCodes.JobsFailed;
    }
}
