using Daft.Datasets.Fetch;

namespace Daft.Datasets.Sources;

/// <summary>One published file and how it unpacks into the data root.</summary>
/// <param name="File">The file, its URL and checksum.</param>
/// <param name="Kind">How to unpack it.</param>
/// <param name="Map">Per archive entry: where it goes under the data root, or null to leave it out
/// (see <see cref="Archives.Move"/>); for <see cref="ArchiveKind.None"/>, the file's own path under the root.</param>
public sealed record Download(RemoteFile File, ArchiveKind Kind, Func<string, string?> Map);

/// <summary>Data published as files: fetching downloads each, checks its checksum, unpacks it and checks the layout.</summary>
public sealed class DownloadedSource(string name, string description, string homepage,
    IReadOnlyList<Download> downloads, IReadOnlyList<ExpectedFile> expected) : DataSource(name, description)
{
    public IReadOnlyList<Download> Downloads { get; } = downloads;

    public IReadOnlyList<ExpectedFile> Expected { get; } = expected;

    public override string Instructions =>
        $"Download {string.Join(", ", Downloads.Select(d => d.File.Url))} (see {homepage}) and either pass the folder "
        + "holding them as `--mirror DIR`, or unpack them under the data root so that it holds "
        + string.Join(", ", Expected.Select(e => e.RelativePath)) + ".";

    public override LayoutReport Check(string dataRoot, bool verify = false) =>
        LayoutReport.Of(Name, dataRoot, Expected.Select(e => e.Problem(dataRoot, verify)).OfType<string>());

    public override async Task<IReadOnlyList<string>> FetchAsync(FetchContext context, CancellationToken cancellation)
    {
        var archives = new List<string>();
        foreach (var download in Downloads)
        {
            var path = await context.Downloader.DownloadAsync(download.File, context.DownloadFolder, cancellation);
            var written = Archives.Extract(path, download.Kind, context.DataRoot, download.Map);
            context.Progress.Note($"  {download.File.FileName}: {written.Count} file(s) unpacked under '{context.DataRoot}'");
            archives.Add(path);
        }
        return archives;
    }
}
