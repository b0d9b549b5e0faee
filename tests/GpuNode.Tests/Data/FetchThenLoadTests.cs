using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Daft.Datasets.Fetch;
using Daft.Datasets.Sources;
using Daft.Datasets.Tests.Support;
using Daft.GpuNode.Data;
using Daft.GpuNode.Data.Transforms;
using Daft.GpuNode.IO;
using Daft.GpuNode.Tests.Data.Readers;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Data;

/// <summary>
/// `daft data fetch cifar10` end to end, offline: a server on 127.0.0.1 publishes small files in the real formats
/// (CIFAR-10's binary tar.gz, CIFAR-10.1's .npy pair, STL-10's binary tar.gz); the real sources' unpacking and
/// layouts fetch them, and the dataset file's readers load what landed.
/// </summary>
public sealed class FetchThenLoadTests : IDisposable
{
    readonly LocalFileServer _server = new();
    readonly TempFolder _temp = new();
    readonly HttpClient _http = new();

    string Root => Path.Combine(_temp.Path, "data");

    /// <summary>The real source with its files served here: same names, maps and layout, the digests of the files
    /// served, and no published sizes (the files are small).</summary>
    DownloadedSource ServedCopy(DownloadedSource real, Func<string, byte[]> content) => new(real.Name, real.Description, "test",
        [.. real.Downloads.Select(d =>
        {
            var bytes = content(d.File.FileName);
            var url = _server.Add(d.File.FileName, bytes);
            return d with { File = new RemoteFile(url, d.File.FileName, bytes.Length, Checksum.Sha256(Convert.ToHexStringLower(SHA256.HashData(bytes)))) };
        })],
        [.. real.Expected.Select(e => e with { Size = null, Checksum = null })]);

    /// <summary>The files under <paramref name="folder"/> of <paramref name="stage"/>, as a tar.gz whose entries start with that folder.</summary>
    static byte[] TarGz(string stage, string folder)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            foreach (var file in Directory.GetFiles(Path.Combine(stage, folder)).Order(StringComparer.Ordinal))
                writer.WriteEntry(file, $"{folder}/{Path.GetFileName(file)}");
        }
        return buffer.ToArray();
    }

    static byte[] NpyBytes(string stage, string name, Tensor tensor)
    {
        var path = Path.Combine(stage, name);
        Npy.Save(path, tensor);
        return File.ReadAllBytes(path);
    }

    [Fact]
    public async Task Cifar10_with_its_ood_sets_is_fetched_from_a_server_and_loads()
    {
        using var stage = new TempFolder();
        Cifar10BinaryTests.WriteDataset(stage);
        Stl10Tests.WriteTestSplit(stage.Path, [1, 2, 8, 10]);
        using var cifar101 = zeros([2000, 32, 32, 3], ScalarType.Byte);
        using var cifar101Labels = arange(2000, ScalarType.Int64).remainder(10);
        var served = new Dictionary<string, byte[]>
        {
            ["cifar-10-binary.tar.gz"] = TarGz(stage.Path, "cifar-10-batches-bin"),
            ["stl10_binary.tar.gz"] = TarGz(stage.Path, "stl10_binary"),
            ["cifar10.1_v6_data.npy"] = NpyBytes(stage.Path, "v6d.npy", cifar101),
            ["cifar10.1_v6_labels.npy"] = NpyBytes(stage.Path, "v6l.npy", cifar101Labels),
            ["cifar10.1_v4_data.npy"] = NpyBytes(stage.Path, "v4d.npy", cifar101),
            ["cifar10.1_v4_labels.npy"] = NpyBytes(stage.Path, "v4l.npy", cifar101Labels),
        };
        var stl = ServedCopy(PaperSources.Stl10, n => served[n]);
        var sources = new[] { ServedCopy(PaperSources.Cifar10, n => served[n]), ServedCopy(PaperSources.Cifar101, n => served[n]),
            new DownloadedSource(stl.Name, stl.Description, "test", stl.Downloads, [.. stl.Expected.Where(e => e.RelativePath.Contains("test_"))]) };
        var options = new FetchOptions(Attempts: 1);
        var context = new FetchContext(Root, new Downloader(_http, SilentProgress.Instance, options), SilentProgress.Instance, options);

        var outcomes = await Fetcher.FetchAsync(sources, context);
        using var data = DatasetCatalog.Load("cifar10", Root, imageSize: 32);

        Assert.All(outcomes, o => Assert.Equal(FetchStatus.Fetched, o.Status));
        Assert.Equal((10, 4), (data.Train.Count, data.IdVal.Count));
        Assert.Equal([("cifar10.1", 2000), ("stl10", 3)], data.Ood.Select(o => (o.Name, o.Count)));
        Assert.Equal(96, data.Ood[1].Height); // STL-10 stays 96x96 in memory; its eval batches are resized
        var eval = new BatchLoader(data.Ood[1], 64, shuffle: false, BatchPipeline.For(data.Config, train: false, augment: false, imageSize: 32), seed: 0);
        var (images, labels) = eval.Epoch(0).Single();
        using (images)
        using (labels)
            Assert.Equal([3L, 3, 32, 32], images.shape);
        Assert.Equal(6, _server.Requests.Count);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        _temp.Dispose();
    }
}
