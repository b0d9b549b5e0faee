using Daft.GpuNode.Data;
using Daft.GpuNode.Data.Transforms;
using Daft.GpuNode.Jobs;
using Daft.GpuNode.Models;
using Daft.Shared.Specs;
using static TorchSharp.torch;

namespace Daft.GpuNode.Pipelines;

/// <summary>Everything a method pipeline needs to run one job: the spec, the data, the device and where to write.</summary>
public sealed class JobContext
{
    public required JobSpec Spec { get; init; }
    public required string JobId { get; init; }
    public required DatasetSplits Data { get; init; }
    public required Device Device { get; init; }
    public required string OutputDirectory { get; init; }
    /// <summary>The job's log (<see cref="Jobs.JobLogs"/>): its lines are message templates, their values properties.</summary>
    public required Serilog.ILogger Log { get; init; }
    public CancellationToken Cancellation { get; init; }

    /// <summary>Where the job's phases and finished epochs are reported (the farm's heartbeats); silent by default.</summary>
    public JobProgressReporter Progress { get; init; } = JobProgressReporter.Silent;

    /// <summary>Resolves <c>job:&lt;id&gt;</c> values of <c>weights</c> and <c>lp_head</c> to the files those jobs wrote.</summary>
    public JobReferences References { get; init; } = JobReferences.FromEnvironment;

    /// <summary>Builds the backbone with the dataset's class count and loads the spec's weights, if any.</summary>
    public required Func<ClassifierNetwork> CreateModel { get; init; }

    /// <summary>Image size the model sees: the spec's, else the dataset's (its transforms scale with it).</summary>
    public int ImageSize => Spec.ImageSize ?? Data.ImageSize;

    /// <summary>The training loader: shuffled, with the dataset's train transforms when the spec augments (its eval
    /// transforms otherwise), seeded by the job's seed.</summary>
    public BatchLoader TrainLoader(bool? augment = null, bool shuffle = true) =>
        new(Data.Train, Spec.BatchSize, shuffle, BatchPipeline.For(Data.Config, train: true, augment ?? Spec.Augment, ImageSize), Spec.Seed);

    /// <summary>An evaluation loader over one split: file order, the dataset's eval transforms.</summary>
    public BatchLoader EvalLoader(ImageSet set) =>
        new(set, Spec.BatchSize, shuffle: false, BatchPipeline.For(Data.Config, train: false, augment: false, ImageSize), Spec.Seed);

    /// <summary>The ID validation set, then every OOD set, in the dataset's order.</summary>
    public IEnumerable<ImageSet> EvalSets => new[] { Data.IdVal }.Concat(Data.Ood);
}
