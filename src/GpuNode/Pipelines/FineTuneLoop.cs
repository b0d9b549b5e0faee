using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Daft.GpuNode.Data;
using Daft.GpuNode.Models;
using Daft.GpuNode.Training;
using Daft.Shared.Results;
using Daft.Shared.Specs;
using static TorchSharp.torch;

namespace Daft.GpuNode.Pipelines;

/// <summary>
/// The SGD loop FT, LP-FT, DAFT and DANN share (daft-spec §1.6): per epoch train, evaluate ID val and every OOD set in
/// eval mode, then step the job's LR schedule (cosine by default). The result is the epoch with the best ID-val accuracy (strict
/// improvement, so the earliest of equal epochs wins); the model ends holding that epoch's weights. With the job's
/// <c>thaw</c> (<see cref="FreezeSchedule"/>) each epoch first freezes what has not thawed yet; an epoch trains
/// supervised on the train split, or, for DANN, <see cref="DannTraining"/>'s adversarial epoch.
/// </summary>
public static class FineTuneLoop
{
    /// <summary>What the loop measured; the model is left at the chosen epoch's weights.</summary>
    public sealed record Outcome(
        int ChosenEpoch,
        ImmutableArray<EpochMetrics> Epochs,
        ImmutableArray<StepRecord> Steps,
        DistortionReport Distortion,
        double TrainSeconds,
        double EvalSeconds,
        double TrainImagesPerSecond,
        bool StoppedOnNaN);

    /// <param name="context">the job.</param>
    /// <param name="model">the network with its head already set up (and BN converted, for DAFT).</param>
    /// <param name="sgd">learning rates and optimiser settings.</param>
    /// <param name="mode">BN mode while training (train for FT/DAFT/DANN, eval for LP-FT).</param>
    /// <param name="dann">DANN's epochs and domain classifier; null = supervised epochs.</param>
    public static Outcome Run(JobContext context, ClassifierNetwork model, SgdSettings sgd, BnMode mode, DannTraining? dann = null)
    {
        var spec = context.Spec;
        var freeze = FreezeSchedule.From(spec.Freeze);
        freeze?.CheckStages(model);
        // The distortion reference: after head setup and BN conversion, before any step (daft-spec §7).
        using var initial = ModelCopy.Clone(model, () => HeadInit.LikeHeadOf(context.CreateModel(), model));
        using var optimizer = OptimizerFactory.CreateSgd(model, sgd, dann?.Parameters);
        var schedule = new LrScheduler(optimizer, spec.LrSchedule, spec.Epochs);
        var loader = context.TrainLoader();
        var epochs = ImmutableArray.CreateBuilder<EpochMetrics>();
        var steps = ImmutableArray.CreateBuilder<StepRecord>();
        Dictionary<string, Tensor>? best = null;
        var bestAccuracy = double.NegativeInfinity;
        var chosen = 0;
        double trainSeconds = 0, evalSeconds = 0;
        long trainImages = 0;
        var stoppedOnNaN = false;
        try
        {
            for (var epoch = 1; epoch <= spec.Epochs; epoch++)
            {
                context.Progress.Phase(JobPhases.Train);
                var lrs = schedule.LearningRates.ToImmutableArray();
                var clock = Stopwatch.StartNew();
                Action? afterModeSet = null;
                if (freeze is not null)
                {
                    var trainable = freeze.Apply(model, epoch);
                    var thisEpoch = epoch;
                    afterModeSet = () => freeze.KeepFrozenBatchNormInEval(model, thisEpoch);
                    context.Log.Information("epoch {Epoch}: {Trainable} of {Parameters} parameter tensors train (thaw: {Thaw})", epoch, trainable,
                        model.parameters().Count(), spec.Freeze!.ThawText);
                }
                var recorder = StepRecorder(spec.LogEveryNSteps, steps);
                var (train, adaptation) = dann is not null
                    ? dann.Train(model, optimizer, loader, epoch, mode, afterModeSet, recorder, context.Cancellation)
                    : (Trainer.TrainEpoch(model, optimizer, loader.Epoch(epoch).AheadWhereItHelps(Trainer.DeviceOf(model), context.Cancellation).DisposeEach(), mode, epoch,
                        recorder, context.Cancellation, afterModeSet), null);
                trainSeconds += clock.Elapsed.TotalSeconds;
                trainImages += train.Samples;
                if (train.LossWasNaN)
                {
                    // ft_sgd.py stops when the train loss becomes NaN; the best epoch so far stands (none: the start).
                    context.Log.Warning("train loss is NaN in epoch {Epoch}: stopping early", epoch);
                    stoppedOnNaN = true;
                    break;
                }
                clock.Restart();
                context.Progress.Phase(JobPhases.Eval);
                var eval = Evaluation.EvaluateAll(context, model);
                evalSeconds += clock.Elapsed.TotalSeconds;
                epochs.Add(new EpochMetrics(epoch, lrs, train.MeanLoss, train.Accuracy, eval, trainSeconds + evalSeconds) { Adaptation = adaptation });
                context.Progress.Evaluated(epoch, train.MeanLoss, eval);
                context.Log.Information("epoch {Epoch}/{Epochs} lr {Lr} train loss {TrainLoss:F4} acc {TrainAccuracy} | {Eval}", epoch, spec.Epochs,
                    string.Join('/', lrs.Select(l => l.ToString("g4", CultureInfo.InvariantCulture))), train.MeanLoss, Evaluation.Percent(train.Accuracy), Evaluation.Describe(eval));
                if (adaptation is not null)
                    context.Log.Information("epoch {Epoch}/{Epochs} dann lambda {Lambda:F3} domain loss source {SourceDomainLoss:F4} target {TargetDomainLoss:F4}, "
                        + "domain accuracy source {SourceDomainAccuracy} target {TargetDomainAccuracy}", epoch, spec.Epochs, adaptation.Lambda,
                        adaptation.SourceDomainLoss, adaptation.TargetDomainLoss, Evaluation.Percent(adaptation.SourceDomainAccuracy), Evaluation.Percent(adaptation.TargetDomainAccuracy));
                if (eval[0].Accuracy > bestAccuracy)
                {
                    bestAccuracy = eval[0].Accuracy;
                    chosen = epoch;
                    DisposeAll(best);
                    best = Snapshot(model);
                }
                schedule.Step(eval[0].Accuracy, train.MeanLoss, spec.LrSchedule.Metric);
            }
            // The chosen epoch's weights; with no finished epoch (NaN in the first), the weights it started from.
            model.load_state_dict(best ?? initial.state_dict());
            var distortion = FeatureDistortion.Compute(initial, model, context.EvalLoader(context.Data.IdVal).Epoch(0).DisposeEach());
            return new Outcome(chosen, epochs.ToImmutable(), steps.ToImmutable(), distortion, trainSeconds, evalSeconds,
                trainSeconds > 0 ? trainImages / trainSeconds : 0, stoppedOnNaN);
        }
        finally
        {
            DisposeAll(best);
            // Frozen parameters get their gradients back: the model leaves the loop as it came, trainable.
            if (freeze is not null)
                foreach (var parameter in model.parameters())
                    parameter.requires_grad = true;
        }
    }

    /// <summary>Records every n-th step's learning rates and loss; nothing when n is 0.</summary>
    static Action<StepInfo>? StepRecorder(int every, ImmutableArray<StepRecord>.Builder steps) => every <= 0
        ? null
        : step =>
        {
            if (step.Step % every == 0)
                steps.Add(new StepRecord(step.Epoch, step.Step, [.. step.LearningRates], step.Loss));
        };

    static Dictionary<string, Tensor> Snapshot(nn.Module model)
    {
        using var _ = no_grad();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
    }

    static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null)
            return;
        foreach (var t in tensors.Values)
            t.Dispose();
    }
}
