using static TorchSharp.torch;

namespace Daft.GpuNode.Data.Readers;

/// <summary>
/// Reads CIFAR-10.1 (Recht et al., https://github.com/modestyachts/CIFAR-10.1): <c>cifar10.1_VERSION_data.npy</c>,
/// uint8 <c>(N, 32, 32, 3)</c>, and <c>cifar10.1_VERSION_labels.npy</c>, integer CIFAR-10 class indices. The image
/// count is asserted per version as the DAFT loader (<c>datasets/cifar10p1.py</c>) does: 2,021 for v4, 2,000 for v6
/// and v7. DAFT's CIFAR-10 OOD set <c>cifar10.1</c> is v6.
/// </summary>
public static class Cifar10Point1
{
    public const string DefaultVersion = "v6";
    public const string SetName = "cifar10.1";

    /// <summary>Images each published version holds.</summary>
    public static readonly IReadOnlyDictionary<string, int> ImageCounts =
        new Dictionary<string, int>(StringComparer.Ordinal) { ["v4"] = 2_021, ["v6"] = 2_000, ["v7"] = 2_000 };

    public static string DataFile(string version) => $"cifar10.1_{version}_data.npy";

    public static string LabelsFile(string version) => $"cifar10.1_{version}_labels.npy";

    /// <summary>Loads version <paramref name="version"/> from <paramref name="folder"/> as one 10-class set.</summary>
    public static ImageSet Load(string folder, string version = DefaultVersion, string setName = SetName)
    {
        if (!ImageCounts.TryGetValue(version, out var expected))
            throw new ArgumentException(
                $"CIFAR-10.1 version '{version}' is unknown; the published versions are {string.Join(", ", ImageCounts.Keys)}.", nameof(version));
        folder = Path.GetFullPath(folder);
        var dataPath = Path.Combine(folder, DataFile(version));
        var labelsPath = Path.Combine(folder, LabelsFile(version));
        NpyImages.RequireFiles("CIFAR-10.1 " + version,
            "Download both .npy files from https://github.com/modestyachts/CIFAR-10.1 (folder datasets/) into that folder. Or run `daft data fetch cifar10.1`.",
            dataPath, labelsPath);
        var images = NpyImages.LoadImages(dataPath);
        Tensor labels;
        try
        {
            if (images.shape[0] != expected)
                throw new InvalidDataException(
                    $"'{dataPath}' holds {images.shape[0]} images; CIFAR-10.1 {version} has {expected:N0}. "
                    + "The file is truncated or belongs to another version.");
            labels = NpyImages.LoadLabels(labelsPath, expected, dataPath, "CIFAR-10.1");
        }
        catch
        {
            images.Dispose();
            throw;
        }
        return new ImageSet(setName, images, labels, NpyImages.NumClasses);
    }
}
