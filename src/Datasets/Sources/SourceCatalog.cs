using Daft.Datasets.DomainNet;
using Daft.Datasets.Fmow;

namespace Daft.Datasets.Sources;

/// <summary>Every source <c>daft data fetch</c> knows, by name.</summary>
public static class SourceCatalog
{
    public static IReadOnlyList<DataSource> All { get; } =
    [
        PaperSources.Cifar10, PaperSources.Cifar101, PaperSources.Cifar10C, PaperSources.Stl10,
        DigitSources.Mnist, DigitSources.FashionMnist, DigitSources.SklearnDigits, DigitSources.Photos, DigitSources.MnistMBuilt,
        BreedsSources.Hierarchy, BreedsSources.ImageNet,
        DomainNetSources.Splits, DomainNetSources.Images, FmowSource.Fmow,
    ];

    static readonly Dictionary<string, DataSource> ByName = All.ToDictionary(s => Normalize(s.Name), StringComparer.Ordinal);

    /// <summary>The source named <paramref name="name"/> (<c>-</c> and <c>_</c> are the same), or null.</summary>
    public static DataSource? Find(string name) => ByName.GetValueOrDefault(Normalize(name));

    /// <summary>Names compare case-insensitively with <c>_</c> and <c>-</c> alike (<c>digits_shift</c> = <c>digits-shift</c>).</summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant().Replace('_', '-');

    /// <summary>The sources in an order where each comes after the ones it depends on, each once.</summary>
    public static IReadOnlyList<DataSource> WithDependencies(IEnumerable<DataSource> sources)
    {
        var ordered = new List<DataSource>();
        void Visit(DataSource source)
        {
            if (ordered.Contains(source))
                return;
            foreach (var dependency in source.DependsOn)
                Visit(Find(dependency) ?? throw new InvalidOperationException($"Source '{source.Name}' depends on unknown source '{dependency}'."));
            ordered.Add(source);
        }
        foreach (var source in sources)
            Visit(source);
        return ordered;
    }
}
