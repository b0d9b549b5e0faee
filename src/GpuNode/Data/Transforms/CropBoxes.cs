using Daft.Shared.Datasets;

namespace Daft.GpuNode.Data.Transforms;

/// <summary>A crop window: top row, left column, height, width.</summary>
public readonly record struct CropBox(int Top, int Left, int Height, int Width);

/// <summary>
/// Where the random crops of torchvision 0.14 cut an image of <c>height × width</c>, with the draws taken from a
/// per-image <see cref="EpochRandom"/> instead of torch's global generator (so the crop of an image depends only on
/// the seed, the epoch and the image's row, not on batch order or thread count). Rounding is Python's
/// (<c>round</c> = half to even) where torchvision calls <c>round</c>.
/// </summary>
public static class CropBoxes
{
    /// <summary><c>CenterCrop(size)</c>: <c>top = int(round((h - size) / 2))</c>, likewise left (<see cref="CenterCropSpec.Offset"/>).</summary>
    public static CropBox Center(int height, int width, int size)
    {
        var (top, left) = new CenterCropSpec(size).Offset(height, width);
        return new(top, left, size, size);
    }

    /// <summary><c>RandomCrop(size)</c> on an (already padded) image: top in <c>0..h-size</c>, left in <c>0..w-size</c>.</summary>
    public static CropBox Random(int height, int width, int size, EpochRandom random) =>
        new(random.NextBelow(height - size + 1), random.NextBelow(width - size + 1), size, size);

    /// <summary>
    /// <c>RandomResizedCrop.get_params</c>: up to 10 tries of an area fraction uniform in the scale range and an
    /// aspect ratio log-uniform in the ratio range, keeping the first window that fits; else the central crop at the
    /// nearest allowed ratio.
    /// </summary>
    public static CropBox ResizedCrop(int height, int width, RandomResizedCropSpec spec, EpochRandom random)
    {
        var area = (double)height * width;
        var (logLow, logHigh) = (Math.Log(spec.RatioMin), Math.Log(spec.RatioMax));
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var targetArea = area * Uniform(random, spec.ScaleMin, spec.ScaleMax);
            var aspect = Math.Exp(Uniform(random, logLow, logHigh));
            var w = PyRound(Math.Sqrt(targetArea * aspect));
            var h = PyRound(Math.Sqrt(targetArea / aspect));
            if (w > 0 && w <= width && h > 0 && h <= height)
                return new(random.NextBelow(height - h + 1), random.NextBelow(width - w + 1), h, w);
        }
        var inRatio = (double)width / height;
        var (cropW, cropH) = inRatio < spec.RatioMin ? (width, PyRound(width / spec.RatioMin))
            : inRatio > spec.RatioMax ? (PyRound(height * spec.RatioMax), height)
            : (width, height);
        return new((height - cropH) / 2, (width - cropW) / 2, cropH, cropW);
    }

    static double Uniform(EpochRandom random, double low, double high) => low + (high - low) * random.NextDouble();

    static int PyRound(double value) => (int)Math.Round(value, MidpointRounding.ToEven);
}
