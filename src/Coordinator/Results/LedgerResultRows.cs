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
        new(job.Id, job.Dataset, job.Tags.GetValueOrDefault("model") ?? job.Backbone, job.Method, Hyper(spec), job.RunNum,
            job.State, job.Reason, result is not null && job.State == Jobs.JobState.Succeeded ? Accuracies(result) : null);

    /// <summary>
    /// The settings a table chooses among: the method's learning rates ("lr=0.001", "lr=1e-05 head_lr=0.1"; none for
    /// LP, whose C is chosen inside the job), then each non-default training choice a sweep can vary — the LR schedule
    /// and its keys, an MLP head, a thaw schedule ("lr=0.01 lr_schedule=step head_hidden=512,256 thaw=layer4@2,all@3") —
    /// so that jobs differing only in those are not taken for replicates of one setting.
    /// </summary>
    public static string Hyper(JobSpec spec)
    {
        var parts = new List<string>();
        if (Hyper(spec.Method) is { Length: > 0 } rates)
        {
            parts.Add(rates);
        }

        var schedule = spec.LrSchedule;
        if (!schedule.IsDefault)
        {
            parts.Add($"lr_schedule={schedule.Name}");
            parts.AddRange(schedule.Kind switch
            {
                LrScheduleKind.Step => [$"lr_step_size={schedule.StepSize}", $"lr_gamma={Number(schedule.Gamma)}"],
                LrScheduleKind.Plateau => [$"lr_plateau_metric={schedule.MetricName}", $"lr_factor={Number(schedule.Factor)}", $"lr_patience={schedule.Patience}"],
                _ => [],
            });
            if (schedule.WarmupEpochs > 0)
            {
                parts.Add($"warmup_epochs={schedule.WarmupEpochs}");
            }
        }

        if (spec.Head.IsMlp)
        {
            parts.Add($"head_hidden={string.Join(',', spec.Head.Hidden)}");
            parts.Add($"head_activation={spec.Head.ActivationName}");
            parts.Add($"head_dropout={Number(spec.Head.Dropout)}");
        }

        if (spec.Freeze is { } freeze)
        {
            parts.Add($"thaw={freeze.ThawText.Replace(" ", "", StringComparison.Ordinal)}");
            if (!freeze.FrozenBatchNormInEval)
            {
                parts.Add("frozen_bn=train");
            }
        }

        return string.Join(' ', parts);
    }

    /// <summary>"lr=0.001", "lr=1e-05 head_lr=0.1"; empty for LP (its C is chosen inside the job).</summary>
    public static string Hyper(MethodSpec method) => method switch
    {
        FineTuneSpec ft => $"lr={Number(ft.Lr)}",
        LpFtSpec lpFt => $"lr={Number(lpFt.Lr)}",
        DaftSpec daft => $"lr={Number(daft.Lr)} head_lr={Number(daft.HeadLr)}",
        DannSpec dann => $"lr={Number(dann.Lr)}",
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
