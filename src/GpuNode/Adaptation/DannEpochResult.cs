namespace Daft.GpuNode.Adaptation;

/// <summary>
/// One DANN epoch: the label and source-domain losses and accuracies averaged over source samples, the target-domain
/// ones over target samples, the total loss averaged over steps, steps and samples done. <see cref="LossWasNaN"/>
/// says the epoch stopped at a NaN loss (that step not applied); the means are NaN then.
/// </summary>
public sealed record DannEpochResult(
    double LabelLoss, double SourceDomainLoss, double TargetDomainLoss, double TotalLoss,
    double LabelAccuracy, double SourceDomainAccuracy, double TargetDomainAccuracy,
    int Steps, long SourceSamples, long TargetSamples, bool LossWasNaN)
{
    /// <summary>The gradient-reversal weight λ of the epoch's last step.</summary>
    public double LastLambda { get; init; }

    internal static DannEpochResult NaN(int steps, long sourceSamples, long targetSamples) =>
        new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, steps, sourceSamples, targetSamples, LossWasNaN: true);
}
