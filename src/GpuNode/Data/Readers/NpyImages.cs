using Daft.GpuNode.IO;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data.Readers;

/// <summary>The .npy pair both CIFAR-10 variants ship: uint8 images <c>(N, 32, 32, 3)</c> and integer labels
/// <c>(N,)</c>, checked for shape, dtype, agreement and range.</summary>
static class NpyImages
{
    public const int Side = 32;
    public const int NumClasses = 10;

    /// <summary>uint8 <c>[N, 32, 32, 3]</c> from <paramref name="path"/>.</summary>
    public static Tensor LoadImages(string path)
    {
        var images = Npy.Load(path);
        if (images.dtype != ScalarType.Byte || images.dim() != 4 || images.shape[1] != Side || images.shape[2] != Side || images.shape[3] != 3)
        {
            var found = $"{images.dtype} ({string.Join(", ", images.shape)})";
            images.Dispose();
            throw new InvalidDataException($"'{path}' holds {found}; expected uint8 images (N, {Side}, {Side}, 3).");
        }
        return images;
    }

    /// <summary>int64 <c>[count]</c> labels in 0..9 from <paramref name="path"/>.</summary>
    public static Tensor LoadLabels(string path, long count, string imagesPath, string dataset)
    {
        using var raw = Npy.Load(path);
        if (raw.dim() != 1 || raw.shape[0] != count)
            throw new InvalidDataException(
                $"'{path}' has shape ({string.Join(", ", raw.shape)}); expected ({count},), one label per image in '{imagesPath}'.");
        var labels = LabelRange.ToInt64(raw, path);
        try
        {
            LabelRange.Check(labels, 0, NumClasses - 1, path, dataset);
            return labels;
        }
        catch
        {
            labels.Dispose();
            throw;
        }
    }

    /// <summary>Throws one FileNotFoundException listing every path of <paramref name="paths"/> that is missing.</summary>
    public static void RequireFiles(string dataset, string hint, params string[] paths)
    {
        var missing = paths.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException(
                $"{dataset} not found: looked for {string.Join(", ", missing.Select(p => $"'{p}'"))}. {hint}", missing[0]);
    }
}
