using Daft.GpuNode.Models;
using Daft.Shared.Specs;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace Daft.GpuNode.Training;

/// <summary>
/// The training and evaluation loop FT, LP-FT and DAFT share (daft-spec §1.6): mean cross-entropy, no label
/// smoothing, no clipping; zero_grad, backward, step; one dispose scope per step. Batches belong to the caller
/// (they are moved to the model's device, never disposed here); labels are int64 class indices.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains one epoch. <paramref name="mode"/> <see cref="BnMode.Train"/> puts the model in train() (BN normalises
    /// with batch statistics and updates its running statistics); <see cref="BnMode.Eval"/> keeps the whole model in
    /// eval() while training, so BN running statistics stay frozen and γ/β still learn (LP-FT's use_val_mode).
    /// Stops at the first NaN loss without applying that step. Cancellation is checked before every step.
    /// <paramref name="afterModeSet"/> runs once the mode is set, before the first step (a freeze schedule puts its
    /// frozen BatchNorm layers back into eval mode there).
    /// </summary>
    public static TrainEpochResult TrainEpoch(
        ClassifierNetwork model, Optimizer optimizer, IEnumerable<(Tensor Images, Tensor Labels)> batches, BnMode mode,
        int epoch = 0, Action<StepInfo>? onStep = null, CancellationToken cancellationToken = default, Action? afterModeSet = null)
    {
        model.train(mode == BnMode.Train);
        afterModeSet?.Invoke();
        var device = DeviceOf(model);
        double lossSum = 0;
        long correct = 0, samples = 0;
        var steps = 0;
        foreach (var (images, labels) in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var targets = labels.to(device);
            var logits = model.call(images.to(device));
            var loss = nn.functional.cross_entropy(logits, targets);
            var lossValue = loss.item<float>();
            if (float.IsNaN(lossValue))
                return new TrainEpochResult(double.NaN, double.NaN, steps, samples, LossWasNaN: true);
            var learningRates = optimizer.ParamGroups.Select(g => g.LearningRate).ToList();
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();

            steps++;
            var n = targets.shape[0];
            samples += n;
            lossSum += (double)lossValue * n;
            using (no_grad())
                correct += logits.argmax(1).eq(targets).sum().item<long>();
            onStep?.Invoke(new StepInfo(epoch, steps, learningRates, lossValue));
        }
        return samples == 0
            ? throw new ArgumentException("The training epoch got no batch.", nameof(batches))
            : new TrainEpochResult(lossSum / samples, (double)correct / samples, steps, samples, LossWasNaN: false);
    }

    /// <summary>Accuracy and mean cross-entropy of <paramref name="model"/> in eval mode, under no_grad. The training flag is restored.</summary>
    public static EvaluationResult Evaluate(ClassifierNetwork model, IEnumerable<(Tensor Images, Tensor Labels)> batches)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            var device = DeviceOf(model);
            double lossSum = 0;
            long correct = 0, count = 0;
            foreach (var (images, labels) in batches)
            {
                using var scope = NewDisposeScope();
                var targets = labels.to(device);
                var logits = model.call(images.to(device));
                lossSum += nn.functional.cross_entropy(logits, targets, reduction: nn.Reduction.Sum).item<float>();
                correct += logits.argmax(1).eq(targets).sum().item<long>();
                count += targets.shape[0];
            }
            return count == 0
                ? throw new ArgumentException("The evaluation got no batch.", nameof(batches))
                : new EvaluationResult((double)correct / count, lossSum / count, count);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    internal static Device DeviceOf(nn.Module model) =>
        model.parameters().FirstOrDefault()?.device ?? CPU;
}
