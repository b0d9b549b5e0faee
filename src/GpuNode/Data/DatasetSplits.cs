namespace Daft.GpuNode.Data;

/// <summary>
/// Everything a training job reads from one dataset: the training split, the ID test set <c>id_val</c> (which is
/// also the model-selection set, as in the reference code) and the OOD test sets in reporting order.
/// Owns the sets and disposes them.
/// </summary>
public sealed class DatasetSplits : IDisposable
{
    /// <summary>The name of the ID test split in results and logs, as the reference code names it.</summary>
    public const string IdValName = "id_val";

    public DatasetSplits(string name, ImageSet train, ImageSet idVal, IReadOnlyList<ImageSet> ood)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var all = new[] { train, idVal }.Concat(ood).ToList();
        foreach (var set in all)
        {
            if (set.NumClasses != train.NumClasses)
                throw new ArgumentException($"Dataset '{name}': split '{set.Name}' has {set.NumClasses} classes, train has {train.NumClasses}.");
            if (set.Height != train.Height || set.Width != train.Width)
                throw new ArgumentException($"Dataset '{name}': split '{set.Name}' is {set.Height}x{set.Width}, train is {train.Height}x{train.Width}.");
        }
        var duplicate = all.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Dataset '{name}': two splits are named '{duplicate.Key}'.");
        if (train.Height != train.Width)
            throw new ArgumentException($"Dataset '{name}': images are {train.Height}x{train.Width}; Daft's image_size assumes square images.");
        Name = name;
        Train = train;
        IdVal = idVal;
        Ood = ood;
    }

    /// <summary>The catalog name (<c>cifar10</c>, <c>digits</c>, ...).</summary>
    public string Name { get; }

    public int NumClasses => Train.NumClasses;

    public ImageSet Train { get; }

    /// <summary>The ID test set, named <see cref="IdValName"/>.</summary>
    public ImageSet IdVal { get; }

    /// <summary>Named OOD test sets in reporting order; may be empty.</summary>
    public IReadOnlyList<ImageSet> Ood { get; }

    /// <summary>Side of the square images as stored; a job's <c>image_size</c> defaults to it (no resize).</summary>
    public int NativeImageSize => Train.Height;

    public void Dispose()
    {
        Train.Dispose();
        IdVal.Dispose();
        foreach (var set in Ood)
            set.Dispose();
    }
}
