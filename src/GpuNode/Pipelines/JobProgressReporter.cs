using Daft.Shared.Farm;
using Daft.Shared.Results;

namespace Daft.GpuNode.Pipelines;

/// <summary>The phases a job reports (<see cref="JobProgress.Phase"/>), in the order a job passes them.</summary>
public static class JobPhases
{
    public const string Setup = "setup";
    public const string BnConversion = "bn_conversion";
    public const string Probe = "probe";
    public const string Train = "train";
    public const string Eval = "eval";
    public const string Done = "done";
}

/// <summary>
/// Tells whoever runs a job how far it is: each phase as it starts, and each finished epoch's training loss and
/// accuracies as a milestone (the farm records milestones in the job's history and shows the latest event in sweep
/// status). LP has no epochs: its one evaluation is reported as the milestone of epoch 0, the epoch its result names.
/// Every event carries the last finished epoch's figures, so the latest event alone describes the job.
/// Events come from the job's thread, one at a time.
/// </summary>
/// <param name="sink">Receives (progress, milestone); null reports nothing.</param>
/// <param name="epochs">Epochs planned (0 for LP).</param>
public sealed class JobProgressReporter(Action<JobProgress, bool>? sink, int epochs)
{
    int _epoch;
    double? _trainLoss;
    double? _idVal;
    IReadOnlyDictionary<string, double>? _ood;

    /// <summary>Reports nothing: pipelines run without a listener in tests and tools.</summary>
    public static JobProgressReporter Silent { get; } = new(null, 0);

    /// <summary>A phase (one of <see cref="JobPhases"/>) begins.</summary>
    public void Phase(string phase) => sink?.Invoke(Current(phase), false);

    /// <summary>
    /// An epoch ended (epoch 0: LP's probe) with its mean training loss (null for LP) and its evaluations, ID val
    /// first then every OOD set: reported as a milestone.
    /// </summary>
    public void Evaluated(int epoch, double? trainLoss, IReadOnlyList<SetMetrics> eval)
    {
        if (sink is null)
            return;
        _epoch = epoch;
        _trainLoss = trainLoss;
        _idVal = eval.Count > 0 ? eval[0].Accuracy : null;
        _ood = eval.Skip(1).ToDictionary(set => set.Name, set => set.Accuracy);
        sink(Current(JobPhases.Eval), true);
    }

    JobProgress Current(string phase) => new(phase, _epoch, epochs, _trainLoss, _idVal, _ood);
}
