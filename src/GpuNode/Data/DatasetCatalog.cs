using Daft.GpuNode.Data.Readers;

namespace Daft.GpuNode.Data;

/// <summary>
/// The datasets a job's <c>dataset</c> key may name, each mapped to its reader. Every reader returns the training
/// split, the ID test set <c>id_val</c> and the OOD sets, all as uint8 HWC tensors at their native size.
/// </summary>
public static class DatasetCatalog
{
    static readonly IReadOnlyDictionary<string, Func<string, DatasetSplits>> Loaders =
        new Dictionary<string, Func<string, DatasetSplits>>(StringComparer.Ordinal)
        {
            ["cifar10"] = root => Cifar10Binary.Load(root, "cifar10"),
            ["digits"] = root => Digits.Load(root, "digits"),
            [Digits.InvertedName] = root => Digits.LoadInverted(root),
            ["mnist"] = root => Idx.LoadSplits(Path.Combine(root, "mnist"), "mnist"),
            ["fashion_mnist"] = root => Idx.LoadSplits(Path.Combine(root, "fashion-mnist"), "fashion_mnist"),
        };

    /// <summary>Known dataset names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Loaders.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Loads every split of <paramref name="name"/>; files are looked up under <paramref name="dataRoot"/>.</summary>
    /// <exception cref="ArgumentException">The name is not in the catalog.</exception>
    /// <exception cref="FileNotFoundException">The dataset's files are missing; the message says where and how to get them.</exception>
    /// <exception cref="InvalidDataException">A file exists but does not hold what the dataset's layout says.</exception>
    public static DatasetSplits Load(string name, string dataRoot)
    {
        if (!Loaders.TryGetValue(name, out var load))
            throw new ArgumentException($"Unknown dataset '{name}'. Known datasets: {string.Join(", ", Names)}.", nameof(name));
        return load(dataRoot);
    }
}
