using System.CommandLine;
using Daft.GpuNode.Data;
using Daft.GpuNode.Data.Transforms;
using Daft.GpuNode.Models;
using Daft.GpuNode.Weights;
using static TorchSharp.torch;

namespace Daft.GpuNode.Cli;

/// <summary>
/// The options the model/data tools share: which backbone and weights, which dataset where, at what size, in what
/// batches, with which seed and thread count.
/// </summary>
public sealed class ModelDataOptions
{
    public Option<string> Backbone { get; } = new("--backbone") { Description = $"Backbone: {string.Join(", ", Backbones.Names)}.", Required = true };
    public Option<int?> NumClasses { get; } = new("--num-classes") { Description = "Head size (default: the dataset's class count)." };
    public Option<string?> Weights { get; } = new("--weights") { Description = "Initial weights (safetensors). Default: random init." };
    public Option<string> Dataset { get; } = new("--dataset") { Description = $"Dataset: {string.Join(", ", DatasetCatalog.Names)}.", Required = true };
    public Option<string> DataRoot { get; } = new("--data-root") { Description = $"Folder holding the datasets (default: ${Shared.Data.DataRoot.Variable}, else ~/.cache/daft).", DefaultValueFactory = _ => Shared.Data.DataRoot.Resolve() };
    public Option<int?> ImageSize { get; } = new("--image-size") { Description = "Input side; default the dataset's image_size (the transforms scale with it)." };
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Batch size.", DefaultValueFactory = _ => 64 };
    public Option<long> Seed { get; } = new("--seed") { Description = "Seed of the shuffle and flips.", DefaultValueFactory = _ => 0 };
    public Option<int?> Threads { get; } = new("--threads") { Description = "Torch threads (default: processor count)." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Backbone, NumClasses, Weights, Dataset, DataRoot, ImageSize, BatchSize, Seed, Threads })
            command.Add(option);
    }

    /// <summary>Loads the dataset, builds the model and loads its weights (the report goes to <paramref name="log"/>).</summary>
    public (DatasetSplits Data, ClassifierNetwork Model) Load(ParseResult parse, TextWriter log)
    {
        set_num_threads(parse.GetValue(Threads) ?? Environment.ProcessorCount);
        manual_seed(parse.GetValue(Seed));
        var data = DatasetCatalog.Load(parse.GetRequiredValue(Dataset), parse.GetRequiredValue(DataRoot), parse.GetValue(ImageSize));
        try
        {
            var model = Backbones.Create(parse.GetRequiredValue(Backbone), parse.GetValue(NumClasses) ?? data.NumClasses);
            if (parse.GetValue(Weights) is { } weights)
                log.WriteLine($"weights: {StateDictLoader.Load(model, weights)}");
            return (data, model);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>A loader over <paramref name="set"/> of <paramref name="data"/> with these options' batch size, image
    /// size and seed: the dataset's train transforms for its training split (the random steps only when
    /// <paramref name="augment"/>), its eval transforms for the others.</summary>
    public BatchLoader Loader(ParseResult parse, DatasetSplits data, ImageSet set, bool shuffle, bool augment) =>
        new(set, parse.GetValue(BatchSize), shuffle,
            BatchPipeline.For(data.Config, train: ReferenceEquals(set, data.Train), augment, parse.GetValue(ImageSize)), parse.GetValue(Seed));
}
