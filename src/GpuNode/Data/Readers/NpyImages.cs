using Daft.GpuNode.IO;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data.Readers;

/// <summary>Image sets stored as a .npy pair, as both CIFAR-10 variants and MNIST-M ship them: uint8 images
/// <c>(N, H, W, 3)</c> (or greyscale <c>(N, H, W)</c>) and integer labels <c>(N,)</c>, checked for shape, dtype,
/// agreement and range.</summary>
static class NpyImages
{
    public const int Side = 32;
    public const int NumClasses = 10;

    /// <summary>uint8 <c>[N, 32, 32, 3]</c> from <paramref name="path"/> (the CIFAR-10 variants).</summary>
    public static Tensor LoadImages(string path) => LoadImages(path, Side);

    /// <summary>uint8 <c>[N, H, W, 3]</c> from <paramref name="path"/>; greyscale <c>(N, H, W)</c> is expanded to 3
    /// channels; with <paramref name="side"/>, H and W must equal it.</summary>
    public static Tensor LoadImages(string path, int? side)
    {
        var images = Npy.Load(path);
        var shape = images.shape;
        var rgb = shape.Length == 4 && shape[3] == 3;
        if (images.dtype != ScalarType.Byte || !(rgb || shape.Length == 3) || (side is { } s && (shape[1] != s || shape[2] != s)))
        {
            var found = $"{images.dtype} ({string.Join(", ", shape)})";
            images.Dispose();
            var expected = side is { } e ? $"(N, {e}, {e}, 3)" : "(N, H, W, 3) or greyscale (N, H, W)";
            throw new InvalidDataException($"'{path}' holds {found}; expected uint8 images {expected}.");
        }
        if (rgb)
            return images;
        using (images)
        using (var channel = images.unsqueeze(3))
            return channel.expand(-1, -1, -1, 3).contiguous();
    }

    /// <summary>int64 <c>[count]</c> labels in 0..NumClasses-1 from <paramref name="path"/>.</summary>
    public static Tensor LoadLabels(string path, long count, string imagesPath, string dataset) =>
        LoadLabels(path, count, imagesPath, dataset, NumClasses);

    /// <summary>int64 <c>[count]</c> labels in 0..<paramref name="numClasses"/>-1 from <paramref name="path"/>.</summary>
    public static Tensor LoadLabels(string path, long count, string imagesPath, string dataset, int numClasses)
    {
        using var raw = Npy.Load(path);
        if (raw.dim() != 1 || raw.shape[0] != count)
            throw new InvalidDataException(
                $"'{path}' has shape ({string.Join(", ", raw.shape)}); expected ({count},), one label per image in '{imagesPath}'.");
        var labels = LabelRange.ToInt64(raw, path);
        try
        {
            LabelRange.Check(labels, 0, numClasses - 1, path, dataset);
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
