namespace Daft.Datasets.Sources;

/// <summary>Data made here from other sources (MNIST-M from MNIST and photographs): fetching runs the build once the
/// sources it depends on are complete.</summary>
public sealed class BuiltSource(string name, string description, IReadOnlyList<string> dependsOn,
    IReadOnlyList<ExpectedFile> expected, Action<string, Fetch.IFetchProgress> build) : DataSource(name, description)
{
    public override IReadOnlyList<string> DependsOn { get; } = dependsOn;

    public IReadOnlyList<ExpectedFile> Expected { get; } = expected;

    public override string Instructions =>
        $"Run `daft data fetch {Name}`: it fetches {string.Join(" and ", DependsOn)} and builds {Name} from them, offline once they are there.";

    public override LayoutReport Check(string dataRoot, bool verify = false) =>
        LayoutReport.Of(Name, dataRoot, Expected.Select(e => e.Problem(dataRoot, verify)).OfType<string>());

    public override Task<IReadOnlyList<string>> FetchAsync(FetchContext context, CancellationToken cancellation)
    {
        build(context.DataRoot, context.Progress);
        return Task.FromResult<IReadOnlyList<string>>([]);
    }
}
