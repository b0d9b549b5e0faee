using System.Text.Json;
using Daft.Coordinator.Jobs;
using Daft.Coordinator.Ledger;
using Daft.Shared.Results;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Results;

/// <summary>
/// One job of a sweep as the result readers need it: the ledger row, the job as a <see cref="ResultRow"/>, its stored
/// result.json parsed (null when none is stored; a failed job may have a partial one), and whether it is the sweep's
/// pretrain job (tag role=pretrain), which tables leave out but per-job curves and TensorBoard keep.
/// </summary>
public sealed record SweepRun(StoredJob Job, ResultRow Row, RunResult? Result, bool Pretrain);

/// <summary>A sweep's jobs with their results, read from the ledger alone (the cluster may be down), each job and result once.</summary>
public static class SweepRuns
{
    public static IReadOnlyList<SweepRun> Of(IJobLedger ledger, string sweepId)
    {
        var results = ledger.ResultsOfSweep(sweepId).ToDictionary(result => result.JobId, StringComparer.Ordinal);
        return
        [
            .. ledger.JobsOfSweep(sweepId).Select(job =>
            {
                var spec = JobSpecLoader.Parse(job.SpecYaml, $"ledger:{job.Id}");
                var result = results.TryGetValue(job.Id, out var stored) ? Parse(job, stored) : null;
                return new SweepRun(job, LedgerResultRows.Row(job, spec, result), result, job.Tags.GetValueOrDefault("role") == "pretrain");
            }),
        ];
    }

    /// <summary>
    /// A succeeded job's result must parse (a result.json Daft cannot read is an error worth seeing); the partial result
    /// of a failed job is kept when it parses and dropped when it does not.
    /// </summary>
    private static RunResult? Parse(StoredJob job, StoredResult stored)
    {
        if (job.State == JobState.Succeeded)
        {
            return RunResult.FromJson(stored.ResultJson);
        }

        try
        {
            return RunResult.FromJson(stored.ResultJson);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
