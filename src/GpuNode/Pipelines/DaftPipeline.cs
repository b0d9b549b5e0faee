using System.Diagnostics;
using Daft.GpuNode.BatchNorm;
using Daft.GpuNode.Data;
using Daft.GpuNode.Models;
using Daft.GpuNode.Training;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Pipelines;

/// <summary>
/// DAFT (daft-spec §1.1–§1.2, §8 items 1–3): BN conversion over one augmented, shuffled pass of the target
/// training split; then a zero head with its own absolute LR next to the body's LR in one SGD, BN in train mode.
/// With a zero head the feature gradient is zero at step 1, so the backbone only moves as the head grows.
/// </summary>
public sealed class DaftPipeline(DaftSpec spec) : IMethodPipeline
{
    public PipelineOutcome Run(JobContext context, ClassifierNetwork model)
    {
        double bnSeconds = 0;
        if (spec.ConvertBn)
        {
            context.Progress.Phase(JobPhases.BnConversion);
            var clock = Stopwatch.StartNew();
            // Pass 0 of the training loader: the same loader (batch size, augmentation, shuffle) training uses.
            var report = BatchNormConversion.ConvertBn(model, context.TrainLoader().Epoch(0).ImagesOnly());
            bnSeconds = clock.Elapsed.TotalSeconds;
            context.Log.Information("BN conversion: {Layers} layers over {Batches} batches ({Images} images) in {BnSeconds:F1}s", report.Layers, report.Batches, report.Images, bnSeconds);
        }
        // An MLP head is built fresh (default init); its output layer is zeroed below like the linear head.
        if (context.Spec.Head.IsMlp)
            HeadInit.Fresh(model, context.Data.NumClasses, context.Spec.Head);
        HeadInit.Zero(model);
        var loop = FineTuneLoop.Run(context, model, PipelineFactory.Sgd(context.Spec, spec.Lr, spec.HeadLr), spec.BnMode);
        return PipelineFactory.FromLoop(loop, probe: null, bnSeconds, probeSeconds: 0);
    }
}
