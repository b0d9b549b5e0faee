using System.Diagnostics;
using Daft.GpuNode.Data;
using Daft.GpuNode.Devices;
using Daft.GpuNode.Models;
using Daft.GpuNode.Probing;
using Daft.GpuNode.Training;
using Daft.Shared.Results;
using Daft.Shared.Specs;
using static TorchSharp.torch;

namespace Daft.GpuNode.Pipelines;

/// <summary>
/// LP (daft-spec §1.3): eval-mode penultimate features — train features from one augmented, shuffled pass as
/// DAFT's extract_features.py takes them — then the warm-started logistic-regression C sweep, C chosen by ID-val
/// accuracy, the normalisation folded into the head. The folded head is also written as <c>head.safetensors</c>, where
/// an LP-FT job's <c>lp_head: job:&lt;id&gt;</c> finds it.
/// </summary>
public sealed class LinearProbePipeline(LinearProbeSpec spec) : IMethodPipeline
{
    public PipelineOutcome Run(JobContext context, ClassifierNetwork model)
    {
        var clock = Stopwatch.StartNew();
        var summary = FitHead(context, model, spec);
        var probeSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var final = Evaluation.EvaluateAll(context, model);
        context.Log.Information("LP head: {Final}", Evaluation.Describe(final));
        context.Progress.Evaluated(0, null, final);
        return new PipelineOutcome(0, final, [], [], summary, null, 0, probeSeconds, 0, clock.Elapsed.TotalSeconds, 0, false);
    }

    /// <summary>Fits the LP head on the model's features and loads it into <c>fc</c>; LP-FT reuses this.</summary>
    public static ProbeSummary FitHead(JobContext context, ClassifierNetwork model, LinearProbeSpec spec)
    {
        context.Progress.Phase(JobPhases.Probe);
        var (trainX, trainY) = FeatureExtraction.Extract(model, context.TrainLoader().Epoch(0).DisposeEach(), context.Cancellation);
        var (valX, valY) = FeatureExtraction.Extract(model, context.EvalLoader(context.Data.IdVal).Epoch(0).DisposeEach(), context.Cancellation);
        using (trainX)
        using (trainY)
        using (valX)
        using (valY)
        {
            context.Log.Information("LP: features train {TrainShape}, id_val {IdValShape}; sweeping {CValues} C values", string.Join('x', trainX.shape), string.Join('x', valX.shape), spec.CNum);
            var options = new ProbeOptions(spec.CStart, spec.CEnd, spec.CNum, spec.MaxIter, NumClasses: context.Data.NumClasses);
            // Small sweeps run faster on one thread (LinearProbe.SmallProblem); the rule depends only on the data's
            // shape, so a job stays bit-reproducible.
            ProbeResult fitted;
            using (TorchThreads.Use(LinearProbe.PreferredThreads(trainX, trainY, get_num_threads())))
                fitted = LinearProbe.Fit(trainX, trainY, valX, valY, options);
            using var probe = fitted;
            HeadInit.Load(model, probe.Weight, probe.Bias);
            LinearProbe.SaveHead(probe, Path.Combine(context.OutputDirectory, JobReference.HeadFile));
            context.Log.Information("LP: best C {BestC:g4}, id_val accuracy {IdValAccuracy}", probe.BestC, Evaluation.Percent(probe.BestValAccuracy));
            return new ProbeSummary(probe.BestC, probe.BestValAccuracy,
                [.. probe.Path.Select(p => new ProbePathPoint(p.C, p.TrainAccuracy, p.ValAccuracy))]);
        }
    }
}
