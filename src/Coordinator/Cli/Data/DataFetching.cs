using Daft.Datasets.Fetch;
using Daft.Datasets.Sources;

namespace Daft.Coordinator.Cli.Data;

/// <summary>One fetch of sources under a data root, as <c>daft data fetch</c> and <c>daft run</c> (before a sweep) do it.</summary>
internal static class DataFetching
{
    public static async Task<IReadOnlyList<FetchOutcome>> FetchAsync(IReadOnlyList<DataSource> sources, string root, FetchOptions options,
        TextWriter progressTo, CancellationToken cancellation)
    {
        var progress = new ConsoleProgress(progressTo, interactive: ReferenceEquals(progressTo, Console.Error) && !Console.IsErrorRedirected);
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("daft-data-fetch/0.1");
        var context = new FetchContext(Path.GetFullPath(root), new Downloader(http, progress, options), progress, options);
        return await Fetcher.FetchAsync(sources, context, cancellation);
    }

    /// <summary>What happened to one source, in words.</summary>
    public static string Describe(FetchOutcome outcome) => outcome.Status switch
    {
        FetchStatus.Present => "present",
        FetchStatus.Fetched => "fetched",
        FetchStatus.Manual => "cannot be downloaded by Daft. " + outcome.Detail + $" Then run `daft data check {outcome.Source.Name}`.",
        _ => "FAILED: " + outcome.Detail,
    };

    public static bool InPlace(FetchOutcome outcome) => outcome.Status is FetchStatus.Present or FetchStatus.Fetched;
}
