using Daft.Datasets.Numpy;

namespace Daft.Datasets.Breeds;

/// <summary>
/// robustness's <c>BreedsDatasetGenerator.get_superclasses(level, Nsubclasses, split="rand", ancestor,
/// balanced=True, random_seed)</c> and the <c>"rand"</c> branch of its <c>split_superclass</c>, step for step: the
/// nodes at the level (under the ancestor) sorted, those with at least <c>Nsubclasses</c> ImageNet classes below
/// kept, then for each in turn, from one <c>RandomState(random_seed)</c>, half of a <c>choice(replace=False)</c>
/// of <c>Nsubclasses</c> of its classes for the source domain and the other half for the target. Its assertions
/// are errors here too (they can fail: a class reachable through two children is drawn from twice).
/// </summary>
public static class BreedsGenerator
{
    /// <summary>The seed every BREEDS benchmark of the library uses (<c>random_seed=2</c>).</summary>
    public const int Seed = 2;

    public static BreedsSplit Split(ClassHierarchy hierarchy, int level, string? ancestor, int subclasses, uint seed = Seed)
    {
        if (subclasses < 2 || subclasses % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(subclasses), subclasses,
                "A balanced split needs an even number of subclasses per superclass, at least 2 (the library asserts both).");
        var random = new LegacyRandomState(seed);
        var nodes = hierarchy.NodesAtLevel(level, ancestor).Order(StringComparer.Ordinal).ToList();
        var leaves = nodes.Select(n => hierarchy.LeavesReachable(n).Count).ToList();
        var where = $"level {level}{(ancestor is null ? "" : $" under '{ancestor}'")}";
        if (nodes.Count == 0)
            throw new InvalidDataException($"The BREEDS hierarchy has no node at {where} (the library's np.min of none fails).");
        if (leaves.Min() == 0)
            throw new InvalidDataException($"A node at {where} has no ImageNet class below it (the library asserts min_desc > 0).");
        var superclasses = nodes.Where((_, i) => leaves[i] >= subclasses).ToList();
        return new([.. superclasses.Select(wnid => SplitSuperclass(hierarchy, wnid, subclasses / 2, random))]);
    }

    /// <summary><c>split_superclass(..., split_type="rand")</c>: walk down while the node has one child, pool the
    /// sorted classes of each child (duplicates kept: they change the pool's size and so the draw), sort the pool,
    /// draw <c>2 * half</c> of it, first half source.</summary>
    static BreedsSuperclass SplitSuperclass(ClassHierarchy hierarchy, string superclass, int half, LegacyRandomState random)
    {
        var children = Sorted(hierarchy.Children(superclass));
        while (children.Count == 1)
            children = Sorted(hierarchy.Children(children[0]));
        var pool = Sorted(children.SelectMany(c => Sorted(hierarchy.LeavesReachable(c))));
        var drawn = random.ChoiceWithoutReplacement(pool, 2 * half);
        var source = drawn[..half];
        var target = drawn[half..];
        var shared = source.Intersect(target, StringComparer.Ordinal).ToList();
        if (shared.Count > 0)
            throw new InvalidDataException(
                $"BREEDS superclass '{superclass}': {string.Join(", ", shared)} drawn into both the source and the target domain "
                + "(reachable through two of its children); the library's split_superclass asserts they are disjoint.");
        return new(superclass, hierarchy.NodeName(superclass), source, target);
    }

    static List<string> Sorted(IEnumerable<string> wnids) => [.. wnids.Order(StringComparer.Ordinal)];
}
