using Daft.GpuNode.Adaptation;
using Daft.GpuNode.Data;
using Daft.GpuNode.Data.Transforms;
using Daft.GpuNode.Models;
using Daft.GpuNode.Training;
using Daft.Shared.Results;
using Daft.Shared.Specs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace Daft.GpuNode.Pipelines;

/// <summary>
/// DANN's epochs inside the shared fine-tuning loop (<see cref="FineTuneLoop"/>): the domain classifier over the
/// network's features, trained in the loop's optimizer as a third parameter group; the unlabelled target stream (the
/// dataset's <c>target</c> split, images only); one epoch = <see cref="DannEpoch.Train"/> over (source, target) batch
/// pairs, λ rising over the whole job. The domain classifier is not saved: the job's model is the adapted classifier.
/// </summary>
public sealed class DannTraining : IDisposable
{
    // The target loader shuffles with its own seed: with the source's, two sets of one size would be visited in the same
    // order, and MNIST-M's image i is MNIST's digit i, so every pair would be one digit seen twice.
    const long TargetSeedOffset = 1_000_003;

    readonly Sequential _domainClassifier;
    readonly BatchLoader _target;
    readonly int _epochs;
    readonly DannForward _forward;

    public DannTraining(JobContext context, ClassifierNetwork model, DannSpec spec)
    {
        var target = context.Data.Target ?? throw new InvalidDataException(
            $"Method dann trains on the dataset's unlabelled target images, but dataset '{context.Data.Name}' has no `target:` split "
            + "(configs/datasets/digits_da.yaml has one).");
        _target = new BatchLoader(target, context.Spec.BatchSize, shuffle: true,
            BatchPipeline.For(context.Data.Config, train: true, context.Spec.Augment, context.ImageSize), context.Spec.Seed + TargetSeedOffset);
        _domainClassifier = DomainClassifier.Create(model.FeatureDim, spec.DomainHidden);
        _domainClassifier.to(context.Device);
        _epochs = context.Spec.Epochs;
        _forward = spec.Forward;
        Parameters = [.. _domainClassifier.parameters()];
    }

    /// <summary>The domain classifier's parameters, for the optimizer's third group.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// Trains epoch <paramref name="epoch"/> (1-based) over <paramref name="source"/>'s batches paired with the target's;
    /// the label loss and accuracy are the source's, the adaptation figures are DANN's own.
    /// </summary>
    public (TrainEpochResult Train, AdaptationMetrics? Adaptation) Train(
        ClassifierNetwork model, Optimizer optimizer, BatchLoader source, int epoch, BnMode mode, Action? afterModeSet,
        Action<StepInfo>? onStep, CancellationToken cancellationToken)
    {
        var stepsPerEpoch = Math.Min(source.BatchCount, _target.BatchCount);
        var device = Trainer.DeviceOf(model);
        var step = 0;
        var result = DannEpoch.Train(model, _domainClassifier, optimizer,
            source.Epoch(epoch).AheadWhereItHelps(device, cancellationToken).DisposeEach(),
            _target.Epoch(epoch).AheadWhereItHelps(device, cancellationToken).ImagesOnly(),
            epoch - 1, _epochs, stepsPerEpoch, initialLrs: null,
            onStep: onStep is null ? null : s => onStep(new StepInfo(epoch, ++step, [.. optimizer.ParamGroups.Select(g => g.LearningRate)], s.TotalLoss)),
            cancellationToken, mode, afterModeSet, _forward);
        var train = new TrainEpochResult(result.LabelLoss, result.LabelAccuracy, result.Steps, result.SourceSamples, result.LossWasNaN);
        return (train, result.LossWasNaN ? null : new AdaptationMetrics(result.LastLambda, result.SourceDomainLoss, result.TargetDomainLoss,
            result.SourceDomainAccuracy, result.TargetDomainAccuracy, result.TargetSamples));
    }

    public void Dispose() => _domainClassifier.Dispose();
}
