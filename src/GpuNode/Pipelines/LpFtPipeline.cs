using System.Diagnostics;
using Daft.GpuNode.Jobs;
using Daft.GpuNode.Models;
using Daft.GpuNode.Probing;
using Daft.GpuNode.Training;
using Daft.Shared.Results;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Pipelines;

/// <summary>
/// LP-FT (daft-spec §1.4): the head starts from the folded LP head of the same run_num — read from
/// <c>lp_head</c> (a file, or <c>job:&lt;id&gt;</c> for the head that LP job wrote), or fitted here first — then every parameter trains at one LR with the whole network in eval
/// mode (LP-FT's "valmode": BN running stats frozen, γ/β still learn).
/// </summary>
public sealed class LpFtPipeline(LpFtSpec spec) : IMethodPipeline
{
    public PipelineOutcome Run(JobContext context, ClassifierNetwork model)
    {
        var clock = Stopwatch.StartNew();
        ProbeSummary? probe = null;
        if (spec.LpHead is { } value)
        {
            var path = context.References.LpHead(value);
            using var head = LinearProbe.LoadHead(path);
            HeadInit.Load(model, head.Weight, head.Bias);
            context.Log.Information("LP-FT: head from {Head} (best C {BestC:g4}, id_val {IdValAccuracy})", JobReferences.Describe(value, path), head.BestC, Evaluation.Percent(head.BestValAccuracy));
        }
        else
        {
            probe = LinearProbePipeline.FitHead(context, model, spec.Probe);
        }
        var probeSeconds = clock.Elapsed.TotalSeconds;
        context.Progress.Phase(JobPhases.Eval);
        // ft_sgd.py evaluates once before training: with the LP head this is LP's accuracy, a sanity check.
        context.Log.Information("before training: {Eval}", Evaluation.Describe(Evaluation.EvaluateAll(context, model)));
        var loop = FineTuneLoop.Run(context, model, PipelineFactory.Sgd(context.Spec, spec.Lr, spec.Lr), spec.BnMode);
        return PipelineFactory.FromLoop(loop, probe, bnSeconds: 0, probeSeconds);
    }
}
