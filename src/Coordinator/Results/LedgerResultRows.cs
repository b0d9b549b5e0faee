using System.Globalization;
using Daft.Coordinator.Ledger;
using Daft.Shared.Results;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Results;

/// <summary>
/// A sweep's jobs as <see cref="ResultRow"/>s, read from the ledger alone (the cluster may be down): the model is the
/// job's <c>model</c> tag, else its backbone; the hyperparameters are the method's learning rates; accuracies come
/// from the stored result.json, in percent. The pretrain job of a sweep is left out: it is not a transfer result.
/// <see cref="SweepRuns"/> reads the ledger for it.
/// </summary>
public static class LedgerResultRows
{
    public static IReadOnlyList<ResultRow> Of(IJobLedger ledger, string sweepId) =>
        [.. SweepRuns.Of(ledger, sweepId).Where(run => !run.Pretrain).Select(run => run.Row)];

    /// <summary>
    /// A job as a row: <paramref name="result"/> (its stored result.json, parsed) gives the accuracies only when the job
    /// succeeded — a failed job's partial result is not a result.
    /// </summary>
    public static ResultRow Row(StoredJob job, JobSpec spec, RunResult? result) =>
        new(job.Id, job.Dataset, job.Tags.GetValueOrDefault("model") ?? job.Backbone, job.Method, Hyper(spec.Method), job.RunNum,
            job.State, job.Reason, result is not null && job.State == Jobs.JobState.Succeeded ? Accuracies(result) : null);

    /// <summary>"lr=0.001", "lr=1e-05 head_lr=0.1"; empty for LP (its C is chosen inside the job).</summary>
    public static string Hyper(MethodSpec method) => method switch
    {
        FineTuneSpec ft => $"lr={Number(ft.Lr)}",
        LpFtSpec lpFt => $"lr={Number(lpFt.Lr)}",
        DaftSpec daft => $"lr={Number(daft.Lr)} head_lr={Number(daft.HeadLr)}",
        _ => "",
    };

    private static Dictionary<string, double> Accuracies(RunResult result)
    {
        // ID validation is the set named id_val; the OOD sets keep their dataset's names.
        var accuracies = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var set in result.Final)
        {
            accuracies[set.Name] = set.Accuracy * 100;
        }

        return accuracies;
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
