using Daft.Shared.Datasets;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Daft.GpuNode.Data.Transforms;

/// <summary>
/// PIL-style resizing of float <c>[N, C, H, W]</c> pixels on the 0..255 scale, as torchvision 0.14's <c>Resize</c>
/// does it to PIL images: two passes, width first, each stored as uint8 (rounded half up; bicubic, which overshoots,
/// also clamped to 0..255). Each pass is <c>F.interpolate(antialias=True)</c>, whose bilinear and bicubic (a = −0.5)
/// kernels are PIL's, widened when shrinking; nearest is torch's <c>nearest-exact</c>, PIL's pixel-centre rule.
/// Bilinear is checked pixel for pixel against torchvision + PIL (see <see cref="BatchTransforms.Resize"/>).
/// </summary>
public static class Resampling
{
    public static Tensor Resize(Tensor pixels255, int height, int width, Interpolation interpolation)
    {
        if (height < 1 || width < 1)
            throw new ArgumentOutOfRangeException(nameof(height), $"Cannot resize to {height}x{width}.");
        if (pixels255.shape[2] == height && pixels255.shape[3] == width)
            return pixels255.alias();
        if (interpolation == Interpolation.Nearest)
            return F.interpolate(pixels255, [height, width], mode: InterpolationMode.NearestExact);
        using var wide = Pass(pixels255, pixels255.shape[2], width, interpolation);
        return Pass(wide, height, width, interpolation);
    }

    /// <summary>The side lengths <c>Resize(size)</c> gives (<see cref="ResizeSpec.Output"/>).</summary>
    public static (int Height, int Width) Target(int height, int width, int size, bool exact) =>
        new ResizeSpec(size, exact, Interpolation.Bilinear).Output(height, width);

    static Tensor Pass(Tensor pixels255, long height, long width, Interpolation interpolation)
    {
        var mode = interpolation == Interpolation.Bicubic ? InterpolationMode.Bicubic : InterpolationMode.Bilinear;
        var resized = F.interpolate(pixels255, [height, width], mode: mode, align_corners: false, antialias: true);
        resized.add_(0.5).floor_();
        // Bilinear weights are non-negative and sum to 1, so its values stay in 0..255; bicubic's do not.
        return interpolation == Interpolation.Bicubic ? resized.clamp_(0, 255) : resized;
    }
}
