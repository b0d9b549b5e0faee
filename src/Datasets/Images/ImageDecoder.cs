using SkiaSharp;

namespace Daft.Datasets.Images;

/// <summary>
/// Decodes JPEG, PNG, BMP and WebP files with SkiaSharp into RGB bytes, as torchvision's default loader
/// (<c>PIL.Image.open(f).convert('RGB')</c>) sees them: grayscale is replicated into R, G and B, palettes are
/// expanded, and an alpha channel is dropped without compositing (PIL keeps the stored colour of a transparent
/// pixel). No colour management is applied (embedded ICC profiles are ignored, as PIL does) and EXIF orientation
/// is not applied (PIL's <c>open</c> does not either). On real-photo fixtures (JPEG 4:2:0, 4:4:4 and grayscale,
/// palette and RGBA PNG, BMP, lossy WebP; tests/GpuNode.Tests/Data/Images/PilParityTests.cs) the output is
/// bit-identical to PIL 9.4's (both decode JPEG with libjpeg-turbo and WebP with libwebp).
/// </summary>
public static class ImageDecoder
{
    /// <summary>Decodes <paramref name="path"/> to RGB bytes (alpha dropped, as torchvision's loader does).</summary>
    public static RgbPixels DecodeRgb(string path)
    {
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No image file at '{path}'.", path);
        var rgba = DecodeRgbaOpaque(path, out var width, out var height);
        return new RgbPixels(width, height, DropAlpha(rgba, width * height));
    }

    /// <summary>Unpremultiplied RGBA8888 with every alpha byte then set to 255: the stored colours, alpha dropped.</summary>
    static unsafe byte[] DecodeRgbaOpaque(string path, out int width, out int height)
    {
        using var codec = SKCodec.Create(path, out var opened);
        if (codec is null)
            throw new InvalidDataException(
                $"'{path}' is not a decodable image (SkiaSharp: {opened}); expected a JPEG, PNG, BMP or WebP file.");
        width = codec.Info.Width;
        height = codec.Info.Height;
        // Unpremul keeps a transparent pixel's stored RGB (premultiplying would zero it); a null colour space means
        // Skia converts nothing, which matches PIL ignoring embedded profiles.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        SKCodecResult decoded;
        fixed (byte* pixels = rgba)
            decoded = codec.GetPixels(info, (IntPtr)pixels);
        if (decoded != SKCodecResult.Success)
            throw new InvalidDataException(
                $"'{path}' could not be decoded as a {width}x{height} {codec.EncodedFormat} image (SkiaSharp: {decoded})"
                + (decoded == SKCodecResult.IncompleteInput ? "; the file is truncated." : "."));
        for (var alpha = 3; alpha < rgba.Length; alpha += 4)
            rgba[alpha] = 255;
        return rgba;
    }

    static byte[] DropAlpha(byte[] rgba, int pixelCount)
    {
        var rgb = new byte[pixelCount * 3];
        for (int source = 0, target = 0; target < rgb.Length; source += 4, target += 3)
        {
            rgb[target] = rgba[source];
            rgb[target + 1] = rgba[source + 1];
            rgb[target + 2] = rgba[source + 2];
        }
        return rgb;
    }
}

/// <summary>A decoded image: <see cref="Height"/> rows of <see cref="Width"/> pixels, 3 bytes (R, G, B) each.</summary>
public readonly record struct RgbPixels(int Width, int Height, byte[] Data);
