using Daft.Datasets.Images;
using Daft.Shared.Datasets;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Daft.GpuNode.Data.Transforms;

/// <summary>
/// Resizing of float <c>[N, 3, H, W]</c> pixels on the 0..255 scale as torchvision 0.14's <c>Resize</c> does it to
/// PIL images. On the CPU each image goes through <see cref="PilResample"/>, PIL's own algorithm, so the bytes are
/// PIL's. On an accelerator the batch goes through <see cref="ResizeOnDevice"/>: two passes, width first, each
/// <c>F.interpolate(antialias=True)</c> (bilinear and a = −0.5 bicubic, widened when shrinking: PIL's filters in
/// float rather than PIL's fixed point) stored as uint8; nearest is <c>nearest-exact</c>, PIL's pixel-centre rule.
/// Against PIL 9.4 the device kernels are exact when enlarging and a level or two off on a few values when
/// shrinking (ResamplingTests pins the figures).
/// </summary>
public static class Resampling
{
    public static Tensor Resize(Tensor pixels255, int height, int width, Interpolation interpolation)
    {
        if (pixels255.device_type != TorchSharp.DeviceType.CPU || pixels255.shape[1] != 3)
            return ResizeOnDevice(pixels255, height, width, interpolation);
        if (pixels255.shape[2] == height && pixels255.shape[3] == width)
            return pixels255.alias();
        var images = new Tensor[pixels255.shape[0]];
        for (var n = 0; n < images.Length; n++)
        {
            using var chw = pixels255[n];
            using var hwc = chw.permute(1, 2, 0);
            using var bytes = hwc.to_type(ScalarType.Byte);
            using var packed = bytes.contiguous();
            var source = new RgbPixels((int)packed.shape[1], (int)packed.shape[0], packed.bytes.ToArray());
            var resized = PilResample.Resize(source, width, height, interpolation);
            using var back = tensor(resized.Data, [height, width, 3]);
            using var planar = back.permute(2, 0, 1);
            images[n] = planar.to_type(ScalarType.Float32);
        }
        try
        {
            return stack(images);
        }
        finally
        {
            foreach (var image in images)
                image.Dispose();
        }
    }

    /// <summary>The batched torch kernels of the class summary; what <see cref="Resize"/> uses off the CPU.</summary>
    public static Tensor ResizeOnDevice(Tensor pixels255, int height, int width, Interpolation interpolation)
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
