using System.Collections.Immutable;
using Daft.GpuNode.Models;
using Daft.GpuNode.Training;
using Daft.Shared.Results;
using Daft.Shared.Specs;

namespace Daft.GpuNode.Pipelines;

/// <summary>What a method pipeline hands back to the job runner; the model is left at the reported weights.</summary>
public sealed record PipelineOutcome(
    int ChosenEpoch,
    ImmutableArray<SetMetrics> Final,
    ImmutableArray<EpochMetrics> Epochs,
    ImmutableArray<StepRecord> Steps,
    ProbeSummary? Probe,
    DistortionReport? Distortion,
    double BnConversionSeconds,
    double ProbeSeconds,
    double TrainSeconds,
    double EvalSeconds,
    double TrainImagesPerSecond,
    bool StoppedOnNaN);

/// <summary>One transfer method (LP, FT, LP-FT, DAFT, DANN): takes the loaded model and the job, trains, evaluates.</summary>
public interface IMethodPipeline
{
    PipelineOutcome Run(JobContext context, ClassifierNetwork model);
}

/// <summary>Maps a method spec to its pipeline: one class per method, no flags.</summary>
public static class PipelineFactory
{
    public static IMethodPipeline For(MethodSpec method) => method switch
    {
        LinearProbeSpec lp => new LinearProbePipeline(lp),
        FineTuneSpec ft => new FineTunePipeline(ft),
        LpFtSpec lpft => new LpFtPipeline(lpft),
        DaftSpec daft => new DaftPipeline(daft),
        DannSpec dann => new DannPipeline(dann),
        _ => throw new ArgumentException($"No pipeline for method '{method.Name}'.", nameof(method)),
    };

    /// <summary>The SGD settings of a job: its momentum, weight decay and Nesterov flag with the given LRs.</summary>
    internal static SgdSettings Sgd(JobSpec spec, double lr, double headLr) =>
        new(lr, headLr, spec.Momentum, spec.WeightDecay, spec.Nesterov);

    /// <summary>Turns the shared loop's outcome into the pipeline's.</summary>
    internal static PipelineOutcome FromLoop(FineTuneLoop.Outcome loop, ProbeSummary? probe, double bnSeconds, double probeSeconds)
    {
        var chosen = loop.Epochs.FirstOrDefault(e => e.Epoch == loop.ChosenEpoch);
        return new PipelineOutcome(loop.ChosenEpoch, chosen?.Eval ?? [], loop.Epochs, loop.Steps, probe, loop.Distortion,
            bnSeconds, probeSeconds, loop.TrainSeconds, loop.EvalSeconds, loop.TrainImagesPerSecond, loop.StoppedOnNaN);
    }
}
