namespace Daft.GpuNode.Training;

/// <summary>
/// One optimizer step, as reported to <c>onStep</c>: the epoch (0-based), the step within the epoch (1-based), the
/// learning rate of each parameter group (feature extractor, head) the step used, and the step's mean loss.
/// </summary>
public sealed record StepInfo(int Epoch, int Step, IReadOnlyList<double> LearningRates, double Loss);

/// <summary>
/// One training epoch: the mean cross-entropy over its samples, the accuracy (fraction in [0, 1]) of the
/// predictions the steps were taken on, steps and samples done. <see cref="LossWasNaN"/> says the epoch stopped at
/// a NaN loss (that step's update not applied); <see cref="MeanLoss"/> and <see cref="Accuracy"/> are NaN then, as
/// in the reference.
/// </summary>
public sealed record TrainEpochResult(double MeanLoss, double Accuracy, int Steps, long Samples, bool LossWasNaN);

/// <summary>An evaluation in eval mode: accuracy (fraction in [0, 1]), mean cross-entropy per sample, samples seen.</summary>
public sealed record EvaluationResult(double Accuracy, double MeanLoss, long Count);
