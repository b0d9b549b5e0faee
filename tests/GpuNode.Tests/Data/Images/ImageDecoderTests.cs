using Daft.GpuNode.Data.Images;
using SkiaSharp;

namespace Daft.GpuNode.Tests.Data.Images;

public class ImageDecoderTests
{
    const int Width = 7, Height = 5; // not square, so a transposed decode shows

    static byte Sample(int row, int col, int channel) => (byte)((row * 53 + col * 29 + channel * 71) % 256);

    static byte[] RgbSamples() =>
        [.. Enumerable.Range(0, Height * Width * 3).Select(i => Sample(i / 3 / Width, i / 3 % Width, i % 3))];

    static byte[] Decoded(string path)
    {
        using var image = ImageTensors.Decode(path);
        Assert.Equal(TorchSharp.torch.ScalarType.Byte, image.dtype);
        Assert.Equal([Height, Width, 3], image.shape);
        return image.bytes.ToArray();
    }

    [Fact]
    public void Rgb_png_decodes_pixel_exact_in_row_major_rgb_order()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "rgb.png");
        PngWriter.Write(path, Width, Height, PngWriter.Rgb, RgbSamples());
        Assert.Equal(RgbSamples(), Decoded(path));
    }

    [Fact]
    public void Grayscale_png_is_replicated_into_three_channels()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "gray.png");
        var gray = Enumerable.Range(0, Height * Width).Select(i => Sample(i / Width, i % Width, 0)).ToArray();
        PngWriter.Write(path, Width, Height, PngWriter.Gray, gray);
        Assert.Equal(gray.SelectMany(g => new[] { g, g, g }).ToArray(), Decoded(path));
    }

    [Fact]
    public void Palette_png_expands_each_index_to_its_colour()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "palette.png");
        byte[] palette = [255, 0, 0, 0, 128, 0, 10, 20, 30, 200, 201, 202];
        var indices = Enumerable.Range(0, Height * Width).Select(i => (byte)(i % 4)).ToArray();
        PngWriter.Write(path, Width, Height, PngWriter.Palette, indices, palette);
        Assert.Equal(indices.SelectMany(i => palette.Skip(i * 3).Take(3)).ToArray(), Decoded(path));
    }

    [Fact]
    public void Rgba_png_drops_alpha_keeping_the_stored_colour_as_pil_convert_rgb_does()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "rgba.png");
        var rgb = RgbSamples();
        // Alpha from fully transparent to opaque: a premultiplying or compositing decoder would change the colours.
        var rgba = Enumerable.Range(0, Height * Width)
            .SelectMany(p => new[] { rgb[p * 3], rgb[p * 3 + 1], rgb[p * 3 + 2], (byte)(p * 7 % 256) }).ToArray();
        PngWriter.Write(path, Width, Height, PngWriter.Rgba, rgba);
        Assert.Equal(rgb, Decoded(path));
    }

    [Fact]
    public void Jpeg_at_quality_100_decodes_close_to_the_encoded_pixels()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "photo.JPG");
        const int side = 16;
        // Smooth ramps (JPEG subsamples chroma, so per-pixel noise would not survive); R, G and B differ, so a
        // channel swap or a transposed decode fails.
        var rgb = Enumerable.Range(0, side * side)
            .SelectMany(p => new[] { (byte)(p % side * 12), (byte)(p / side * 9 + 40), (byte)180 }).ToArray();
        WriteJpeg(path, side, side, rgb);
        using var image = ImageTensors.Decode(path);
        Assert.Equal([side, side, 3], image.shape);
        var meanAbsDiff = rgb.Zip(image.bytes.ToArray(), (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanAbsDiff < 3, $"JPEG mean absolute difference {meanAbsDiff:F2} (expected < 3 at quality 100).");
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_rejected_naming_the_file()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "notes.png");
        File.WriteAllText(path, "these are notes, not pixels");
        var error = Assert.Throws<InvalidDataException>(() => ImageTensors.Decode(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_truncated_png_is_rejected_naming_the_file()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "cut.png");
        PngWriter.Write(path, Width, Height, PngWriter.Rgb, RgbSamples());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 30)]);
        var error = Assert.Throws<InvalidDataException>(() => ImageTensors.Decode(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_missing_file_is_reported_by_path()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "absent.png");
        var error = Assert.Throws<FileNotFoundException>(() => ImageTensors.Decode(path));
        Assert.Contains(path, error.Message);
    }

    /// <summary>Encodes RGB bytes as a JPEG with SkiaSharp's encoder (quality 100).</summary>
    internal static void WriteJpeg(string path, int width, int height, byte[] rgb)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var p = (y * width + x) * 3;
                bitmap.SetPixel(x, y, new SKColor(rgb[p], rgb[p + 1], rgb[p + 2]));
            }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
