using Daft.GpuNode.Data.Readers;
using Daft.Shared.Datasets;

namespace Daft.GpuNode.Data;

/// <summary>
/// The datasets a job's <c>dataset</c> key may name: the built-in dataset files (configs/datasets/*.yaml,
/// <see cref="DatasetConfigs"/>) or the path of a user's dataset file. Loading reads every split with its reader
/// (<see cref="SplitReader"/>) as uint8 HWC tensors at their stored size; the transforms run per batch.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>Known dataset names, sorted.</summary>
    public static IReadOnlyList<string> Names => DatasetConfigs.Names;

    /// <summary>Loads every split of <paramref name="name"/>; files are looked up under <paramref name="dataRoot"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a known dataset.</exception>
    /// <exception cref="FileNotFoundException">The dataset's files are missing; the message says where and how to get them.</exception>
    /// <exception cref="InvalidDataException">A file exists but does not hold what the dataset's layout says.</exception>
    public static DatasetSplits Load(string name, string dataRoot, int? imageSize = null) =>
        Load(DatasetConfigs.Resolve(name), dataRoot, imageSize);

    /// <summary>Loads every split of <paramref name="config"/> from under <paramref name="dataRoot"/>; with a job's
    /// <paramref name="imageSize"/>, the splits' decode steps scale as the transforms do.</summary>
    public static DatasetSplits Load(DatasetConfig config, string dataRoot, int? imageSize = null)
    {
        var scale = (double)(imageSize ?? config.ImageSize) / config.ImageSize;
        var sets = new List<ImageSet>();
        var files = new SplitFiles();
        try
        {
            foreach (var split in config.Splits)
                sets.Add(SplitReader.Read(split, dataRoot, config.NumClasses, scale, files));
            var ood = sets[2..];
            if (config.Target is { } target)
                sets.Add(SplitReader.Read(target, dataRoot, config.NumClasses, scale, files));
            return new DatasetSplits(config, sets[0], sets[1], ood, config.Target is null ? null : sets[^1]);
        }
        catch (Exception error)
        {
            foreach (var set in sets)
                set.Dispose();
            if (error is FileNotFoundException missing && config.Sources.Count > 0)
                throw new FileNotFoundException($"{missing.Message} Dataset '{config.Name}' reads the sources {string.Join(", ", config.Sources)}: "
                    + $"`daft data fetch {config.Name} --data-root {Path.GetFullPath(dataRoot)}` fetches what can be downloaded and "
                    + $"`daft data check {config.Name}` says what is missing.", missing.FileName, missing);
            throw;
        }
    }
}
