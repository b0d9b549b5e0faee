using Daft.Datasets.Fetch;

namespace Daft.Datasets.Sources;

/// <summary>Everything a source's fetch needs: where the data root is, how to download, whom to tell.</summary>
public sealed record FetchContext(string DataRoot, Downloader Downloader, IFetchProgress Progress, FetchOptions Options)
{
    /// <summary>Where downloads wait to be unpacked: <c>DATA_ROOT/.downloads</c>.</summary>
    public string DownloadFolder => Path.Combine(DataRoot, FetchOptions.DownloadsFolder);
}

/// <summary>
/// One unit of data <c>daft data fetch</c> knows: files published somewhere (<see cref="DownloadedSource"/>), data
/// built here from other sources (<see cref="BuiltSource"/>), or data a user must obtain by hand
/// (<see cref="ManualSource"/>). Each says what a complete layout under the data root looks like.
/// </summary>
public abstract class DataSource(string name, string description)
{
    /// <summary>The name <c>daft data fetch</c> and dataset configs use.</summary>
    public string Name { get; } = name;

    /// <summary>One line: what it is and where it comes from.</summary>
    public string Description { get; } = description;

    /// <summary>Sources that must be complete before this one can be fetched or built.</summary>
    public virtual IReadOnlyList<string> DependsOn => [];

    /// <summary>Whether <see cref="FetchAsync"/> can obtain it (false: the user must, following <see cref="Instructions"/>).</summary>
    public virtual bool CanFetch => true;

    /// <summary>How a user obtains it by hand (for every source: a fetch may be impossible offline).</summary>
    public abstract string Instructions { get; }

    /// <summary>What is missing or wrong under <paramref name="dataRoot"/>; with <paramref name="verify"/>, digests of
    /// files whose digest is known are compared too.</summary>
    public abstract LayoutReport Check(string dataRoot, bool verify = false);

    /// <summary>Obtains the data into <see cref="FetchContext.DataRoot"/>; returns the downloaded archives (which the
    /// caller deletes once every source is done, unless asked to keep them).</summary>
    public abstract Task<IReadOnlyList<string>> FetchAsync(FetchContext context, CancellationToken cancellation);

    public override string ToString() => Name;
}
