namespace Daft.Datasets.Breeds;

/// <summary>The BREEDS benchmarks the DAFT and LP-FT papers use.</summary>
public enum BreedsBenchmark
{
    Living17,
    Entity30,
}

/// <summary>How robustness's <c>make_living17</c> / <c>make_entity30</c> define each benchmark, and where Daft finds
/// the hierarchy under a data root.</summary>
public static class BreedsBenchmarks
{
    /// <summary>Where the three hierarchy files live under the data root (the DAFT loader's
    /// <c>disk/data/BREEDS-Benchmarks/imagenet_class_hierarchy/modified</c>).</summary>
    public const string HierarchyFolder = "BREEDS-Benchmarks/imagenet_class_hierarchy/modified";

    public static readonly IReadOnlyList<BreedsBenchmark> All = [BreedsBenchmark.Living17, BreedsBenchmark.Entity30];

    /// <summary>The name configs use: <c>living17</c>, <c>entity30</c> (the DAFT loader's <c>breeds_name</c>).</summary>
    public static string Name(BreedsBenchmark benchmark) => benchmark == BreedsBenchmark.Living17 ? "living17" : "entity30";

    /// <summary>The name papers use: Living-17, Entity-30.</summary>
    public static string Title(BreedsBenchmark benchmark) => benchmark == BreedsBenchmark.Living17 ? "Living-17" : "Entity-30";

    /// <summary>The benchmark named <paramref name="name"/>: <c>living17</c>, <c>Living-17</c>, <c>living_17</c> alike.</summary>
    public static BreedsBenchmark Parse(string name)
    {
        var key = name.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        foreach (var benchmark in All)
            if (string.Equals(Name(benchmark), key, StringComparison.OrdinalIgnoreCase))
                return benchmark;
        throw new ArgumentException($"Unknown BREEDS benchmark '{name}'; Daft knows {string.Join(", ", All.Select(Name))}.", nameof(name));
    }

    /// <summary>
    /// <c>get_superclasses</c>' arguments: Living-17 is the 17 nodes at level 5 under n00004258 ("living thing")
    /// with 4 ImageNet classes each, 2 per domain; Entity-30 the 30 nodes at level 4 with 8 each, 4 per domain.
    /// </summary>
    public static (int Level, string? Ancestor, int Subclasses) Definition(BreedsBenchmark benchmark) =>
        benchmark == BreedsBenchmark.Living17 ? (5, "n00004258", 4) : (4, null, 8);

    /// <summary><c>make_living17(info_dir, split="rand")</c> / <c>make_entity30(...)</c>.</summary>
    public static BreedsSplit Make(BreedsBenchmark benchmark, ClassHierarchy hierarchy)
    {
        var (level, ancestor, subclasses) = Definition(benchmark);
        return BreedsGenerator.Split(hierarchy, level, ancestor, subclasses);
    }

    /// <summary>The benchmark from the hierarchy files under <paramref name="dataRoot"/>.</summary>
    public static BreedsSplit Make(BreedsBenchmark benchmark, string dataRoot) =>
        Make(benchmark, ClassHierarchy.Load(Path.Combine(dataRoot, HierarchyFolder)));
}
