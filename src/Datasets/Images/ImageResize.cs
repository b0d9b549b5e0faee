using SkiaSharp;

namespace Daft.Datasets.Images;

/// <summary>
/// Square resizing for image folders whose files differ in size. Uses SkiaSharp 2.88's
/// <see cref="SKFilterQuality.High"/>, Skia's best filter: bicubic when enlarging; when shrinking it filters from
/// mipmaps, so downscaling is antialiased (a one-pixel checkerboard shrinks to flat grey, as the tests check).
/// The aspect ratio is not kept. This is
/// not PIL's resampling: results are close to, but not bit-identical with, torchvision's <c>Resize</c>, so
/// experiments that need PIL parity should store images at their final size instead.
/// </summary>
public static class ImageResize
{
    /// <summary>Opaque RGBA8888 <c>side × side</c> from opaque RGBA8888 <c>width × height</c>.</summary>
    public static unsafe byte[] Square(byte[] rgba, int width, int height, int side, string path)
    {
        var sourceInfo = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var targetInfo = new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var resized = new byte[targetInfo.BytesSize];
        fixed (byte* source = rgba)
        fixed (byte* target = resized)
        {
            using var sourceMap = new SKPixmap(sourceInfo, (IntPtr)source, sourceInfo.RowBytes);
            using var targetMap = new SKPixmap(targetInfo, (IntPtr)target, targetInfo.RowBytes);
            if (!sourceMap.ScalePixels(targetMap, SKFilterQuality.High))
                throw new InvalidOperationException($"SkiaSharp could not resize '{path}' from {width}x{height} to {side}x{side}.");
        }
        return resized;
    }
}
