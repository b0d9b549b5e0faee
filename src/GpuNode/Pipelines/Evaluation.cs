using System.Collections.Immutable;
using System.Globalization;
using Daft.GpuNode.Data;
using Daft.GpuNode.Models;
using Daft.GpuNode.Training;
using Daft.Shared.Results;

namespace Daft.GpuNode.Pipelines;

/// <summary>Evaluates a model on ID val and every OOD set of the job, in eval mode.</summary>
public static class Evaluation
{
    /// <summary>ID val first, then the OOD sets in the dataset's order.</summary>
    public static ImmutableArray<SetMetrics> EvaluateAll(JobContext context, ClassifierNetwork model) =>
        [.. context.EvalSets.Select(set =>
        {
            var r = Trainer.Evaluate(model, context.EvalLoader(set).Epoch(0).AheadWhereItHelps(Trainer.DeviceOf(model), context.Cancellation).DisposeEach());
            return new SetMetrics(set.Name, r.Accuracy, r.MeanLoss, (int)r.Count);
        })];

    /// <summary>"id_val 91.20% | digits_inverted 40.10%" for log lines.</summary>
    public static string Describe(IEnumerable<SetMetrics> metrics) =>
        string.Join(" | ", metrics.Select(m => $"{m.Name} {Percent(m.Accuracy)}"));

    /// <summary>A fraction as "91.20%", culture-invariant.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";
}
