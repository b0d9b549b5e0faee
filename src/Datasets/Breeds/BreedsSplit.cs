namespace Daft.Datasets.Breeds;

/// <summary>Which half of a BREEDS benchmark's subclasses: the <see cref="Source"/> domain models train on, or the
/// disjoint <see cref="Target"/> domain (the subpopulation shift) they are tested on.</summary>
public enum BreedsDomain
{
    Source,
    Target,
}

/// <summary>
/// One class of a BREEDS benchmark: a WordNet node and the ImageNet classes (subclasses) it stands for in each
/// domain, in the order the robustness library returns them (the order of its <c>rng.choice</c> draw, not sorted).
/// </summary>
/// <param name="Wnid">The superclass node.</param>
/// <param name="Name">Its name in <c>node_names.txt</c> (the library's <c>label_map</c>), or the wnid when unnamed.</param>
/// <param name="Source">ImageNet wnids of the source domain.</param>
/// <param name="Target">ImageNet wnids of the target domain; as many as <paramref name="Source"/>, none shared.</param>
public sealed record BreedsSuperclass(string Wnid, string Name, IReadOnlyList<string> Source, IReadOnlyList<string> Target)
{
    public IReadOnlyList<string> Subclasses(BreedsDomain domain) => domain == BreedsDomain.Source ? Source : Target;
}

/// <summary>A BREEDS dataset: its superclasses in label order (label i is <c>Superclasses[i]</c>).</summary>
public sealed record BreedsSplit(IReadOnlyList<BreedsSuperclass> Superclasses)
{
    /// <summary>Every ImageNet class either domain uses, each once, in superclass then source-then-target order.</summary>
    public IEnumerable<string> AllSubclasses => Superclasses.SelectMany(s => s.Source.Concat(s.Target)).Distinct(StringComparer.Ordinal);
}
