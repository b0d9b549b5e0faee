using Daft.Shared.Datasets;

namespace Daft.GpuNode.Data;

/// <summary>
/// Everything a training job reads from one dataset: the training split, the ID test set <c>id_val</c> (which is
/// also the model-selection set, as in the reference code) and the OOD test sets in reporting order, each at its
/// stored size (the dataset's transforms bring every batch to <see cref="DatasetConfig.ImageSize"/>), with the
/// dataset file they were read by. Owns the sets and disposes them.
/// </summary>
public sealed class DatasetSplits : IDisposable
{
    /// <summary>The name of the ID test split in results and logs, as the reference code names it.</summary>
    public const string IdValName = "id_val";

    public DatasetSplits(DatasetConfig config, ImageSet train, ImageSet idVal, IReadOnlyList<ImageSet> ood, ImageSet? target = null)
    {
        var name = config.Name;
        var all = new[] { train, idVal }.Concat(ood).Concat(target is null ? [] : [target]).ToList();
        foreach (var set in all)
        {
            if (set.NumClasses != train.NumClasses)
                throw new ArgumentException($"Dataset '{name}': split '{set.Name}' has {set.NumClasses} classes, train has {train.NumClasses}.");
            if (set.Height != set.Width)
                throw new ArgumentException($"Dataset '{name}': split '{set.Name}' holds {set.Height}x{set.Width} images; Daft keeps images square "
                    + "(readers of files of mixed sizes take a decode size).");
        }
        var duplicate = all.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Dataset '{name}': two splits are named '{duplicate.Key}'.");
        Config = config;
        Train = train;
        IdVal = idVal;
        Ood = ood;
        Target = target;
    }

    /// <summary>The dataset file the splits were read by: classes, transforms, image size.</summary>
    public DatasetConfig Config { get; }

    /// <summary>The dataset's name (<c>cifar10</c>, <c>digits</c>, ...).</summary>
    public string Name => Config.Name;

    public int NumClasses => Train.NumClasses;

    public ImageSet Train { get; }

    /// <summary>The ID test set, named <see cref="IdValName"/>.</summary>
    public ImageSet IdVal { get; }

    /// <summary>Named OOD test sets in reporting order; may be empty.</summary>
    public IReadOnlyList<ImageSet> Ood { get; }

    /// <summary>The unlabelled target-domain images of domain adaptation (<see cref="DatasetConfig.Target"/>), if the
    /// dataset has them; training reads their images only.</summary>
    public ImageSet? Target { get; }

    /// <summary>Side of the model input when the job gives no <c>image_size</c>: the dataset file's.</summary>
    public int ImageSize => Config.ImageSize;

    public void Dispose()
    {
        Train.Dispose();
        IdVal.Dispose();
        foreach (var set in Ood)
            set.Dispose();
        Target?.Dispose();
    }
}
