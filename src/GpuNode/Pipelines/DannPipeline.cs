using Daft.GpuNode.Models;
using Daft.GpuNode.Training;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Pipelines;

/// <summary>
/// DANN (<see cref="DannSpec"/>): a new head as FT's (linear or the job's MLP head) is the label classifier; the shared
/// loop trains it, the network and the domain classifier (<see cref="DannTraining"/>) at one LR, with the job's LR
/// schedule. Model selection is the loop's: the epoch with the best ID-val (source) accuracy, as no target label may
/// choose anything in unsupervised adaptation; every epoch reports the target's accuracy among the OOD sets.
/// </summary>
public sealed class DannPipeline(DannSpec spec) : IMethodPipeline
{
    public PipelineOutcome Run(JobContext context, ClassifierNetwork model)
    {
        HeadInit.Fresh(model, context.Data.NumClasses, context.Spec.Head);
        using var dann = new DannTraining(context, model, spec);
        var loop = FineTuneLoop.Run(context, model, PipelineFactory.Sgd(context.Spec, spec.Lr, spec.Lr), spec.BnMode, dann);
        return PipelineFactory.FromLoop(loop, probe: null, bnSeconds: 0, probeSeconds: 0);
    }
}
