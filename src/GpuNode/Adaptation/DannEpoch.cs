using Daft.GpuNode.Models;
using Daft.Shared.Specs;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace Daft.GpuNode.Adaptation;

/// <summary>One DANN epoch over a Daft classifier and a domain classifier (see <see cref="Train"/>).</summary>
public static class DannEpoch
{
    /// <summary>
    /// One DANN epoch as the tutorial's loop runs it: source and target batches in pairs (the shorter stream ends the
    /// epoch; <paramref name="stepsPerEpoch"/> is the number of pairs every epoch has), p = (step + epoch · stepsPerEpoch)
    /// / (epochs · stepsPerEpoch) before each step, λ = <see cref="DannSchedule.Lambda"/>(p) and, where
    /// <paramref name="initialLrs"/> is given (one per parameter group), each group's learning rate set to
    /// <see cref="DannSchedule.LearningRate"/>(μ0, p) first (the paper's annealing; none: the rates are the caller's).
    /// Stops at the first NaN loss without applying that step. Cancellation is checked before every step. The modules
    /// are put in train mode once, before the first step: the network in <paramref name="mode"/> (as
    /// <see cref="Training.Trainer.TrainEpoch"/> does), then <paramref name="afterModeSet"/> (a freeze schedule's frozen
    /// BatchNorm layers back to eval).
    /// </summary>
    public static DannEpochResult Train(
        ClassifierNetwork model, nn.Module<Tensor, Tensor> domainClassifier, Optimizer optimizer,
        IEnumerable<(Tensor Images, Tensor Labels)> source, IEnumerable<Tensor> target,
        int epoch, int epochs, int stepsPerEpoch, IReadOnlyList<double>? initialLrs = null,
        Action<DannStepResult>? onStep = null, CancellationToken cancellationToken = default,
        BnMode mode = BnMode.Train, Action? afterModeSet = null, DannForward forward = DannForward.Separate)
    {
        if (epochs < 1 || epoch < 0 || epoch >= epochs)
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, $"The epoch must lie in [0, {epochs}).");
        if (stepsPerEpoch < 1)
            throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), stepsPerEpoch, "An epoch needs at least one step.");
        var groups = optimizer.ParamGroups.ToList();
        if (initialLrs is not null && initialLrs.Count != groups.Count)
            throw new ArgumentException($"{initialLrs.Count} initial learning rates for {groups.Count} parameter groups.", nameof(initialLrs));
        var sums = new double[7];
        long sourceSamples = 0, targetSamples = 0;
        var steps = 0;
        model.train(mode == BnMode.Train);
        domainClassifier.train();
        afterModeSet?.Invoke();
        var lambda = 0.0;
        foreach (var ((images, labels), targetImages) in source.Zip(target).Take(stepsPerEpoch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var p = DannSchedule.Progress(epoch * (long)stepsPerEpoch + steps, (long)epochs * stepsPerEpoch);
            if (initialLrs is not null)
                for (var g = 0; g < groups.Count; g++)
                    groups[g].LearningRate = DannSchedule.LearningRate(initialLrs[g], p);
            lambda = DannSchedule.Lambda(p);
            var step = DannStep.Run(model, domainClassifier, optimizer, images, labels, targetImages, lambda, setTrainMode: false, forward);
            if (step.LossWasNaN)
                return DannEpochResult.NaN(steps, sourceSamples, targetSamples);
            steps++;
            sourceSamples += step.SourceSamples;
            targetSamples += step.TargetSamples;
            double[] weighted =
            [
                step.LabelLoss * step.SourceSamples, step.SourceDomainLoss * step.SourceSamples, step.TargetDomainLoss * step.TargetSamples,
                step.LabelAccuracy * step.SourceSamples, step.SourceDomainAccuracy * step.SourceSamples, step.TargetDomainAccuracy * step.TargetSamples,
                step.TotalLoss,
            ];
            for (var i = 0; i < sums.Length; i++)
                sums[i] += weighted[i];
            onStep?.Invoke(step);
        }
        if (steps == 0)
            throw new ArgumentException("The DANN epoch got no source/target batch pair.", nameof(source));
        return new DannEpochResult(
            sums[0] / sourceSamples, sums[1] / sourceSamples, sums[2] / targetSamples, sums[6] / steps,
            sums[3] / sourceSamples, sums[4] / sourceSamples, sums[5] / targetSamples,
            steps, sourceSamples, targetSamples, LossWasNaN: false)
        { LastLambda = lambda };
    }
}
