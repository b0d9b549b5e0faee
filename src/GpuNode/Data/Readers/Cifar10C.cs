using Daft.Shared.Datasets;

namespace Daft.GpuNode.Data.Readers;

/// <summary>
/// Reads CIFAR-10-C (Hendrycks and Dietterich, https://zenodo.org/records/2535967): per corruption one
/// <c>CORRUPTION.npy</c>, uint8 <c>(50000, 32, 32, 3)</c>, the 10,000 CIFAR-10 test images at severity 1, then 2,
/// ... 5, and one <c>labels.npy</c> shared by all corruptions. Severity <c>s</c> (1..5) selects the rows
/// <c>[N/5·(s−1), N/5·s)</c>, i.e. <c>[10k·(s−1), 10k·s)</c> for the published files.
/// </summary>
public static class Cifar10C
{
    public const int Severities = 5;
    public const string LabelsFile = "labels.npy";

    /// <summary>One corruption at one severity (1..5) from <paramref name="folder"/>; the set is named
    /// <c>CORRUPTION_SEVERITY</c> unless <paramref name="setName"/> says otherwise.</summary>
    public static ImageSet Load(string folder, string corruption, int severity, string? setName = null)
    {
        if (!Cifar10CCorruptions.All.Contains(corruption, StringComparer.Ordinal))
            throw new ArgumentException(
                $"'{corruption}' is not a CIFAR-10-C corruption; the 15 are: {string.Join(", ", Cifar10CCorruptions.All)}.", nameof(corruption));
        if (severity is < 1 or > Severities)
            throw new ArgumentOutOfRangeException(nameof(severity), severity, $"CIFAR-10-C severity must be 1, 2, 3, 4 or 5, not {severity}.");
        folder = Path.GetFullPath(folder);
        var dataPath = Path.Combine(folder, corruption + ".npy");
        var labelsPath = Path.Combine(folder, LabelsFile);
        NpyImages.RequireFiles("CIFAR-10-C " + corruption,
            "Download CIFAR-10-C.tar from https://zenodo.org/records/2535967 and extract it so that folder holds the .npy files, or run `daft data fetch cifar10-c`.",
            dataPath, labelsPath);

        using var all = NpyImages.LoadImages(dataPath);
        var total = all.shape[0];
        if (total == 0 || total % Severities != 0)
            throw new InvalidDataException(
                $"'{dataPath}' holds {total} images; expected {Severities} equal blocks, one per severity (50,000 = 5 × 10,000 in the published files).");
        var perSeverity = total / Severities;
        using var allLabels = NpyImages.LoadLabels(labelsPath, total, dataPath, "CIFAR-10-C");
        var start = perSeverity * (severity - 1);
        using var images = all.narrow(0, start, perSeverity);
        using var labels = allLabels.narrow(0, start, perSeverity);
        return new ImageSet(setName ?? $"{corruption}_{severity}", images.clone(), labels.clone(), NpyImages.NumClasses);
    }
}
