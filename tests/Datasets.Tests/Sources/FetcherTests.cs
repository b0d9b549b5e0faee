using System.Security.Cryptography;
using System.Text;
using Daft.Datasets.Fetch;
using Daft.Datasets.Sources;
using Daft.Datasets.Tests.Fetch;
using Daft.Datasets.Tests.Support;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.Sources;

public sealed class FetcherTests : IDisposable
{
    readonly LocalFileServer _server = new();
    readonly TempFolder _temp = new();
    readonly HttpClient _http = new();

    string Root => Path.Combine(_temp.Path, "data");

    FetchContext Context(FetchOptions? options = null)
    {
        options ??= new FetchOptions(Attempts: 1);
        return new FetchContext(Root, new Downloader(_http, SilentProgress.Instance, options), SilentProgress.Instance, options);
    }

    /// <summary>A source of one tar.gz served by the test server, unpacked under <c>set/</c>.</summary>
    DownloadedSource Served(string name, params (string Name, string Text)[] files)
    {
        var archive = ArchivesTests.WriteTar(Path.Combine(_temp.Path, name + ".tar.gz"), true, files);
        var bytes = File.ReadAllBytes(archive);
        var url = _server.Add(name + ".tar.gz", bytes);
        var remote = new RemoteFile(url, name + ".tar.gz", bytes.Length, Checksum.Sha256(Convert.ToHexStringLower(SHA256.HashData(bytes))));
        return new DownloadedSource(name, $"test source {name}", "https://example.invalid",
            [new Download(remote, ArchiveKind.TarGz, Archives.KeepAll)],
            [.. files.Select(f => new ExpectedFile(f.Name, Encoding.UTF8.GetByteCount(f.Text)))]);
    }

    [Fact]
    public async Task A_missing_source_is_downloaded_unpacked_checked_and_its_archive_removed()
    {
        var source = Served("alpha", ("alpha/one.txt", "1"), ("alpha/two.txt", "22"));

        var outcome = Assert.Single(await Fetcher.FetchAsync([source], Context()));

        Assert.Equal(FetchStatus.Fetched, outcome.Status);
        Assert.Equal("22", File.ReadAllText(Path.Combine(Root, "alpha", "two.txt")));
        Assert.True(source.Check(Root).IsComplete);
        Assert.False(Directory.Exists(Path.Combine(Root, FetchOptions.DownloadsFolder)));
    }

    [Fact]
    public async Task A_complete_source_is_left_alone()
    {
        var source = Served("alpha", ("alpha/one.txt", "1"));
        await Fetcher.FetchAsync([source], Context());

        var outcome = Assert.Single(await Fetcher.FetchAsync([source], Context()));

        Assert.Equal(FetchStatus.Present, outcome.Status);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Keep_archives_leaves_the_download_in_the_downloads_folder()
    {
        var source = Served("alpha", ("alpha/one.txt", "1"));

        await Fetcher.FetchAsync([source], Context(new FetchOptions(KeepArchives: true)));

        Assert.True(File.Exists(Path.Combine(Root, FetchOptions.DownloadsFolder, "alpha.tar.gz")));
    }

    [Fact]
    public async Task An_archive_without_the_expected_files_fails_naming_what_is_missing()
    {
        var source = Served("alpha", ("alpha/one.txt", "1"));
        var wrong = new DownloadedSource("alpha", "expects more", "https://example.invalid", source.Downloads,
            [.. source.Expected, new ExpectedFile("alpha/three.txt")]);

        var outcome = Assert.Single(await Fetcher.FetchAsync([wrong], Context()));

        Assert.Equal(FetchStatus.Failed, outcome.Status);
        Assert.Contains($"fetched, but the layout is still incomplete: missing '{Path.Combine(Root, "alpha", "three.txt")}'", outcome.Detail);
    }

    [Fact]
    public async Task A_failure_is_recorded_and_the_other_sources_are_still_fetched()
    {
        var broken = new DownloadedSource("broken", "a file the server does not have", "https://example.invalid",
            [new Download(new RemoteFile(_server.BaseUrl + "absent.tar.gz", "absent.tar.gz", null, Checksum.Sha256(new string('0', 64))),
                ArchiveKind.TarGz, Archives.KeepAll)],
            [new ExpectedFile("broken/x")]);
        var good = Served("good", ("good/x", "x"));

        var outcomes = await Fetcher.FetchAsync([broken, good], Context());

        Assert.Equal([FetchStatus.Failed, FetchStatus.Fetched], outcomes.Select(o => o.Status));
        Assert.Contains("answered 404", outcomes[0].Detail);
    }

    [Fact]
    public async Task A_manual_source_reports_its_instructions_and_is_not_fetched()
    {
        var manual = new ManualSource("hand", "made by hand", "Copy the files from the lab share.",
            (root, _) => File.Exists(Path.Combine(root, "hand.txt")) ? [] : [$"missing '{Path.Combine(root, "hand.txt")}'"]);

        var outcome = Assert.Single(await Fetcher.FetchAsync([manual], Context()));

        Assert.Equal((FetchStatus.Manual, "Copy the files from the lab share."), (outcome.Status, outcome.Detail));
        Assert.Empty(_server.Requests);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _temp.Dispose();
    }
}
