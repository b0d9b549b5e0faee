using Daft.Shared.Results;

namespace Daft.Coordinator.Results.Plots;

/// <summary>One curve over epochs: a label ("train", "id_val", "features (group 0)") and (epoch, value) points.</summary>
public sealed record Curve(string Label, IReadOnlyList<(int Epoch, double Value)> Points);

/// <summary>
/// What a job's per-epoch plot shows, from its result.json: the losses (train, and each evaluation set's mean
/// cross-entropy), the accuracies in percent (train and each evaluation set, ID val first) and each parameter group's
/// learning rate during the epoch, with the chosen epoch (best ID val) to mark. Non-finite values (a NaN loss) are left out.
/// </summary>
public sealed record EpochChart(string JobId, string Method, int ChosenEpoch, IReadOnlyList<Curve> Losses, IReadOnlyList<Curve> Accuracies,
    IReadOnlyList<Curve> LearningRates)
{
    public bool IsEmpty => Losses.Concat(Accuracies).Concat(LearningRates).All(curve => curve.Points.Count == 0);
}

/// <summary>Selects an <see cref="EpochChart"/> from a result. Pure.</summary>
public static class EpochSelection
{
    public static EpochChart Of(RunResult result)
    {
        var epochs = result.Epochs;
        var sets = epochs.SelectMany(epoch => epoch.Eval.Select(set => set.Name)).Distinct(StringComparer.Ordinal).ToList();
        var groups = epochs.Select(epoch => epoch.LearningRates.Length).DefaultIfEmpty(0).Max();
        return new EpochChart(result.JobId, result.Method, result.ChosenEpoch,
            [Curve("train", epoch => epoch.TrainLoss), .. sets.Select(set => Curve(set, epoch => Set(epoch, set)?.Loss))],
            [Curve("train", epoch => epoch.TrainAccuracy * 100), .. sets.Select(set => Curve(set, epoch => Set(epoch, set)?.Accuracy * 100))],
            [.. Enumerable.Range(0, groups).Select(group => Curve(GroupName(group, groups), epoch => group < epoch.LearningRates.Length ? epoch.LearningRates[group] : null))]);

        Curve Curve(string label, Func<EpochMetrics, double?> value) => new(label,
        [
            .. epochs.Select(epoch => (epoch.Epoch, Value: value(epoch))).Where(point => point.Value is { } v && double.IsFinite(v))
                .Select(point => (point.Epoch, point.Value!.Value)),
        ]);
    }

    /// <summary>The trainer's two groups are the feature extractor (0) and the head (1); any other count is just numbered.</summary>
    public static string GroupName(int group, int groups) => groups == 2
        ? group == 0 ? "features (group 0)" : "head (group 1)"
        : $"group {group}";

    private static SetMetrics? Set(EpochMetrics epoch, string name) => epoch.Eval.FirstOrDefault(set => set.Name == name);
}
