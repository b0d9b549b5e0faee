using Daft.GpuNode.IO;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Data.Readers;

/// <summary>Writes the .npy images and labels the CIFAR-10 variants publish, with pixels that identify their row.</summary>
static class NpyFiles
{
    /// <summary>uint8 (count, 32, 32, 3) where every pixel of row i equals <c>(first + i) % 256</c>.</summary>
    public static void WriteImages(string path, int count, int first = 0)
    {
        using var rows = arange(first, first + count, ScalarType.Int64).remainder(256).to_type(ScalarType.Byte);
        using var images = rows.view(count, 1, 1, 1).expand(count, 32, 32, 3).contiguous();
        Npy.Save(path, images);
    }

    /// <summary>Labels <c>i % 10</c> for row i, in the given dtype.</summary>
    public static void WriteLabels(string path, int count, ScalarType dtype)
    {
        using var labels = arange(count, ScalarType.Int64).remainder(10).to_type(dtype);
        Npy.Save(path, labels);
    }
}
