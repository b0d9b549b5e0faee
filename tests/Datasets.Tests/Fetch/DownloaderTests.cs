using System.Security.Cryptography;
using Daft.Datasets.Fetch;
using Daft.Datasets.Tests.Support;
using Daft.Tests.Support;

namespace Daft.Datasets.Tests.Fetch;

public sealed class DownloaderTests : IDisposable
{
    readonly LocalFileServer _server = new();
    readonly TempFolder _temp = new();
    readonly HttpClient _http = new();
    readonly byte[] _content = RandomNumberGenerator.GetBytes(300_000);

    static RemoteFile Remote(string url, byte[] content, long? size = -1) =>
        new(url, "data.bin", size == -1 ? content.Length : size, Checksum.Sha256(Convert.ToHexStringLower(SHA256.HashData(content))));

    Downloader Downloader(FetchOptions? options = null) => new(_http, SilentProgress.Instance, options ?? new FetchOptions());

    [Fact]
    public async Task A_download_is_verified_and_renamed_into_place()
    {
        var file = Remote(_server.Add("data.bin", _content), _content);

        var path = await Downloader().DownloadAsync(file, _temp.Path);

        Assert.Equal(Path.Combine(_temp.Path, "data.bin"), path);
        Assert.Equal(_content, File.ReadAllBytes(path));
        Assert.False(File.Exists(path + ".part"));
    }

    [Fact]
    public async Task A_verified_file_already_in_place_is_not_downloaded_again()
    {
        var file = Remote(_server.Add("data.bin", _content), _content);
        await Downloader().DownloadAsync(file, _temp.Path);

        await Downloader().DownloadAsync(file, _temp.Path);

        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_dropped_connection_resumes_with_a_range_request()
    {
        var file = Remote(_server.Add("data.bin", _content), _content);
        _server.DropAfter = 100_000;

        var path = await Downloader().DownloadAsync(file, _temp.Path);

        Assert.Equal(_content, File.ReadAllBytes(path));
        Assert.Equal(2, _server.Requests.Count);
        Assert.StartsWith("GET /data.bin bytes=", _server.Requests[1]);
    }

    [Fact]
    public async Task A_server_that_ignores_ranges_gets_a_whole_new_download()
    {
        var file = Remote(_server.Add("data.bin", _content), _content);
        _server.DropAfter = 100_000;
        _server.SupportsRanges = false;

        var path = await Downloader().DownloadAsync(file, _temp.Path);

        Assert.Equal(_content, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task A_file_with_another_checksum_is_deleted_and_the_error_says_what_differed()
    {
        var published = Remote(_server.Add("data.bin", _content), _content) with { Checksum = Checksum.Md5(new string('a', 32)) };

        var error = await Assert.ThrowsAsync<FetchException>(() => Downloader(new FetchOptions(Attempts: 1)).DownloadAsync(published, _temp.Path));

        Assert.Contains($"md5 {Convert.ToHexStringLower(MD5.HashData(_content))}, expected {new string('a', 32)}", error.Message);
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public async Task A_file_of_the_wrong_size_is_rejected_before_hashing()
    {
        var published = Remote(_server.Add("data.bin", _content), _content, size: 12);

        var error = await Assert.ThrowsAsync<FetchException>(() => Downloader().DownloadAsync(published, _temp.Path));

        Assert.Contains($"{_content.Length} bytes, the publisher's file has 12", error.Message);
    }

    [Fact]
    public async Task A_missing_file_names_the_url_and_the_status()
    {
        var url = _server.BaseUrl + "gone.bin";

        var error = await Assert.ThrowsAsync<FetchException>(() => Downloader().DownloadAsync(Remote(url, _content), _temp.Path));

        Assert.Contains($"{url} answered 404", error.Message);
    }

    [Fact]
    public async Task A_mirror_url_serves_files_by_name_instead_of_the_publisher()
    {
        _server.Add("data.bin", _content);
        var file = Remote("https://publisher.invalid/deep/path/data.bin", _content);

        var path = await Downloader(new FetchOptions(Mirror: _server.BaseUrl)).DownloadAsync(file, _temp.Path);

        Assert.Equal(_content, File.ReadAllBytes(path));
        Assert.Equal(["GET /data.bin"], _server.Requests);
    }

    [Fact]
    public async Task A_mirror_folder_is_copied_from_and_a_file_missing_there_is_named()
    {
        var mirror = Directory.CreateDirectory(Path.Combine(_temp.Path, "mirror")).FullName;
        File.WriteAllBytes(Path.Combine(mirror, "data.bin"), _content);
        var target = Path.Combine(_temp.Path, "downloads");
        var downloader = Downloader(new FetchOptions(Mirror: mirror));

        var path = await downloader.DownloadAsync(Remote("https://publisher.invalid/data.bin", _content), target);
        var error = await Assert.ThrowsAsync<FetchException>(() =>
            downloader.DownloadAsync(Remote("https://publisher.invalid/x", _content) with { FileName = "other.bin" }, target));

        Assert.Equal(_content, File.ReadAllBytes(path));
        Assert.Contains($"The mirror folder has no other.bin: looked for '{Path.Combine(mirror, "other.bin")}'", error.Message);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _temp.Dispose();
    }
}
