using Daft.Coordinator.Cli.Results;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Coordinator.Results;
using Daft.Coordinator.Results.Tables;
using Daft.Shared.Results;

namespace Daft.Coordinator.Cli.Farm;

/// <summary>
/// The end of <c>daft run</c>: one row per job of the sweep from the ledger's results (the table of
/// <c>daft results show</c>); the paper-style table of <c>daft results table</c> (one row per method, the chosen setting's
/// mean ± std over run_num); then every job that did not succeed with its reason. Exit status: 0 when every job
/// succeeded, <see cref="ExitCodes.JobsFailed"/> otherwise.
/// </summary>
internal static class SweepReport
{
    public static int Write(TextWriter output, IJobLedger ledger, SweepPlan plan)
    {
        // The sweep's jobs and results, read once for the three parts of the report.
        var runs = SweepRuns.Of(ledger, plan.SweepId);
        var order = plan.Jobs.Select((job, index) => (job.Id, index)).ToDictionary(pair => pair.Id, pair => pair.index, StringComparer.Ordinal);
        var results = runs.Select(run => run.Result).OfType<RunResult>()
            .OrderBy(result => order.GetValueOrDefault(result.JobId, int.MaxValue))
            .ToList();
        output.WriteLine();
        if (results.Count > 0)
        {
            ResultTable.Write(output, results);
        }

        // The paper-style table (the LP-FT convention: per cell the setting with the best mean ID-val accuracy over
        // run_num, mean ± std), laid out by the built-in table named like the sweep, else the default one.
        var rows = runs.Where(run => !run.Pretrain).Select(run => run.Row).ToList();
        if (rows.Count > 0)
        {
            output.WriteLine();
            var definition = TableDefinitionLoader.Resolve(ResultsTableCommand.DefaultTable(plan.Name));
            TerminalTableWriter.Write(CliConsole.For(output), TableBuilder.Build(rows, definition));
            output.WriteLine($"other formats: daft results table {plan.SweepId} --format markdown|latex|csv; plots: daft results plot {plan.SweepId} --out DIR");
        }

        output.WriteLine();
        var unfinished = runs.Select(run => run.Job).Where(job => job.State != JobState.Succeeded).ToList();
        foreach (var job in unfinished)
        {
            output.WriteLine($"{job.State.Text(),-9} {job.Id} {job.Method} {job.Dataset} {job.Backbone} run {job.RunNum}: {job.Reason ?? "not run"}");
        }

        return unfinished.Count == 0 ? ExitCodes.Ok : ExitCodes.JobsFailed;
    }
}
