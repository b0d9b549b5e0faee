namespace Daft.GpuNode.Adaptation;

/// <summary>
/// One DANN step: the label loss on the source batch, the domain losses on the source (domain 0) and target
/// (domain 1) batches, their sum (the loss the step descended), the accuracies (fractions in [0, 1]) of the
/// predictions the step was taken on, and the batch sizes. <see cref="LossWasNaN"/> says the total loss was NaN and
/// no update was applied.
/// </summary>
public sealed record DannStepResult(
    double LabelLoss, double SourceDomainLoss, double TargetDomainLoss, double TotalLoss,
    double LabelAccuracy, double SourceDomainAccuracy, double TargetDomainAccuracy,
    long SourceSamples, long TargetSamples, bool LossWasNaN);
