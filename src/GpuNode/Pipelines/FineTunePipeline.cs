using Daft.GpuNode.Models;
using Daft.GpuNode.Training;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Pipelines;

/// <summary>
/// FT (daft-spec §1.5): a new head (linear, or the job's MLP head) with PyTorch's default init, every parameter at one LR, BN in train mode
/// (unless the spec says otherwise).
/// </summary>
public sealed class FineTunePipeline(FineTuneSpec spec) : IMethodPipeline
{
    public PipelineOutcome Run(JobContext context, ClassifierNetwork model)
    {
        HeadInit.Fresh(model, context.Data.NumClasses, context.Spec.Head);
        var loop = FineTuneLoop.Run(context, model, PipelineFactory.Sgd(context.Spec, spec.Lr, spec.Lr), spec.BnMode);
        return PipelineFactory.FromLoop(loop, probe: null, bnSeconds: 0, probeSeconds: 0);
    }
}
