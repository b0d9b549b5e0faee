namespace Daft.Shared.Results.TensorBoard;

/// <summary>
/// A job's <see cref="RunResult"/> as TensorBoard scalars, one step per epoch (step = the 1-based epoch): <c>train/loss</c>
/// (sample-mean cross-entropy), <c>train/accuracy</c>, <c>eval/&lt;set&gt;/accuracy</c> and <c>eval/&lt;set&gt;/loss</c>
/// for every evaluation set (<c>id_val</c> and the OOD sets), <c>lr/group&lt;i&gt;</c> (group 0 the feature extractor,
/// group 1 the head). Accuracies are in percent, as Daft's tables and plots show them. A result without epochs (LP:
/// its C is chosen by a sweep, not by epochs) gives one step 0 with its final evaluation.
/// </summary>
public static class RunScalars
{
    public static IReadOnlyList<ScalarStep> Of(RunResult result, DateTimeOffset epochsBegan)
    {
        if (result.Epochs.IsEmpty)
        {
            return result.Final.IsEmpty ? [] : [new ScalarStep(0, epochsBegan, [.. result.Final.SelectMany(Eval)])];
        }

        return
        [
            .. result.Epochs.Select(epoch => new ScalarStep(epoch.Epoch, epochsBegan.AddSeconds(epoch.Seconds),
            [
                new Scalar("train/loss", (float)epoch.TrainLoss),
                new Scalar("train/accuracy", (float)(epoch.TrainAccuracy * 100)),
                .. epoch.Eval.SelectMany(Eval),
                .. epoch.LearningRates.Select((lr, group) => new Scalar($"lr/group{group}", (float)lr)),
            ])),
        ];
    }

    /// <summary>
    /// When the first epoch began, from when the job started and its timings: after setup, BN conversion and the linear
    /// probe (each zero where the method has none). <see cref="EpochMetrics.Seconds"/> counts from there.
    /// </summary>
    public static DateTimeOffset EpochsBegan(DateTimeOffset jobStarted, Timings timings) =>
        jobStarted.AddSeconds(timings.Setup + timings.BnConversion + timings.LinearProbe);

    private static IEnumerable<Scalar> Eval(SetMetrics set) =>
        [new Scalar($"eval/{set.Name}/accuracy", (float)(set.Accuracy * 100)), new Scalar($"eval/{set.Name}/loss", (float)set.Loss)];
}
