using SkiaSharp;

namespace Daft.Datasets.Tests.Support;

/// <summary>Real image files, a few pixels each, encoded by SkiaSharp: what the readers list must be on disk.</summary>
static class TinyImages
{
    public static void Jpeg(string path) => Write(path, SKEncodedImageFormat.Jpeg);

    public static void Png(string path) => Write(path, SKEncodedImageFormat.Png);

    static void Write(string path, SKEncodedImageFormat format)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(3, 2);
        for (var y = 0; y < 2; y++)
        {
            for (var x = 0; x < 3; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 80), (byte)(y * 120), 200));
        }
        using var data = bitmap.Encode(format, 90);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
