using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Daft.GpuNode.Data;

/// <summary>
/// Whole-batch image transforms, the tensor equivalents of the reference's torchvision pipelines
/// (<c>Resize(S)</c>, <c>RandomHorizontalFlip()</c>, <c>ToTensor()</c>; no <c>Normalize</c>: the models normalise
/// inside). They work on a batch cut from an <see cref="ImageSet"/>, so no C# loop touches a pixel.
/// </summary>
public static class BatchTransforms
{
    /// <summary>
    /// uint8 <c>[N, H, W, 3]</c> → float32 <c>[N, 3, S, S]</c> in [0, 1], contiguous NCHW (<c>ToTensor</c>), resized
    /// to <c>S = imageSize</c> when that differs from the native size (<see cref="Resize"/>), with the rows listed in
    /// <paramref name="rowsToFlip"/> mirrored left-right. The result equals flipping after resizing, as the
    /// reference's <c>Resize</c> then <c>RandomHorizontalFlip</c> do, but the mirror is taken where it is cheapest.
    /// </summary>
    public static Tensor Prepare(Tensor uint8Nhwc, int? imageSize, Tensor? rowsToFlip = null, Device? device = null)
    {
        CheckBatch(uint8Nhwc);
        using var scope = NewDisposeScope();
        var batch = device is null ? uint8Nhwc : uint8Nhwc.to(device);
        var flipRows = rowsToFlip is not null && rowsToFlip.numel() > 0 ? rowsToFlip.to(batch.device) : null;
        var native = (int)batch.shape[1];
        var resize = imageSize is { } size && (size != native || batch.shape[2] != native);
        if (!resize && flipRows is not null)
        {
            // Converting is elementwise, so mirroring the uint8 rows first (a quarter of the bytes) is the same.
            batch = batch.clone();
            FlipRows(batch, flipRows, widthDim: 2);
        }
        // Channel-first while still uint8, and contiguous so models see plain NCHW memory.
        var pixels = batch.permute(0, 3, 1, 2).contiguous().to_type(ScalarType.Float32);
        if (resize)
        {
            var wide = ResizeRounded(pixels, pixels.shape[2], imageSize!.Value);
            // The second (vertical) pass treats every column alike, so mirroring between the passes equals
            // mirroring the final images, at a fraction of the bytes when enlarging.
            if (flipRows is not null)
                FlipRows(wide, flipRows, widthDim: 3);
            pixels = ResizeRounded(wide, imageSize.Value, imageSize.Value);
        }
        return scope.MoveToOuter(pixels.div_(255.0));
    }

    /// <summary>
    /// Bilinear resize of float <c>[N, C, h, w]</c> pixel values on the 0..255 scale to <c>[N, C, size, size]</c>,
    /// done the way the reference's <c>transforms.Resize(size)</c> (bilinear, torchvision 0.14) does it to its PIL
    /// images of square inputs: PIL resamples in two passes, width first, and stores each pass as uint8 (rounding
    /// half up). Each pass here is <c>F.interpolate(mode="bilinear", align_corners=False, antialias=True)</c> then
    /// <c>floor(x + 0.5)</c>. That kernel is PIL's: the half-pixel triangle filter, widened when shrinking; when
    /// enlarging it equals plain bilinear and runs about twice as fast as torch's non-antialiased kernel on the CPU.
    /// Against torchvision 0.14 + PIL 9.4 (tools/fixtures/make_data_fixtures.py): identical pixels for 32→224
    /// (CIFAR-10's <c>Resize(224)</c>) and 8→32; when shrinking, about 1% of pixels differ by one level (PIL's
    /// fixed-point filter weights). When enlarging, <c>transforms.Resize(size, antialias=True)</c> on a uint8 tensor
    /// (torch ≥ 2.1) gives the same pixels too.
    /// </summary>
    public static Tensor Resize(Tensor pixels255, int size)
    {
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(size), size, "Image size must be at least 1 pixel.");
        using var wide = ResizeRounded(pixels255, pixels255.shape[2], size);
        return ResizeRounded(wide, size, size);
    }

    static Tensor ResizeRounded(Tensor pixels255, long height, long width)
    {
        var resized = F.interpolate(pixels255, [height, width], mode: InterpolationMode.Bilinear, align_corners: false,
            antialias: true);
        // The filter's weights are non-negative and sum to 1, so values stay in 0..255: no clamp needed.
        return resized.add_(0.5).floor_();
    }

    /// <summary>Mirrors the listed rows (batch indices) of a batch in place along <paramref name="widthDim"/>
    /// (3 for NCHW, 2 for NHWC): <c>RandomHorizontalFlip</c> with the coin tosses made by the caller.</summary>
    public static void FlipRows(Tensor batch, Tensor rows, long widthDim = 3)
    {
        using var picked = batch.index_select(0, rows);
        using var mirrored = picked.flip(widthDim);
        batch.index_copy_(0, rows, mirrored);
    }

    static void CheckBatch(Tensor batch)
    {
        if (batch.dtype != ScalarType.Byte || batch.dim() != 4 || batch.shape[3] != 3)
            throw new ArgumentException($"Expected a uint8 [N, H, W, 3] batch, got {batch.dtype} [{string.Join(", ", batch.shape)}].", nameof(batch));
    }
}
