namespace Daft.Datasets.Sources;

/// <summary>Data Daft cannot download (licence or size): <c>daft data fetch</c> prints <see cref="Instructions"/>,
/// and <c>daft data check</c> validates the layout the user prepared. <paramref name="dependsOn"/> names sources the
/// check needs (ImageNet's check reads the BREEDS hierarchy to know which classes are used).</summary>
public sealed class ManualSource(string name, string description, string instructions,
    Func<string, bool, IEnumerable<string>> problems, IReadOnlyList<string>? dependsOn = null) : DataSource(name, description)
{
    public override bool CanFetch => false;

    public override IReadOnlyList<string> DependsOn { get; } = dependsOn ?? [];

    public override string Instructions { get; } = instructions;

    public override LayoutReport Check(string dataRoot, bool verify = false) => LayoutReport.Of(Name, dataRoot, problems(dataRoot, verify));

    public override Task<IReadOnlyList<string>> FetchAsync(FetchContext context, CancellationToken cancellation) =>
        throw new InvalidOperationException($"{Name} cannot be fetched: {Instructions}");
}
