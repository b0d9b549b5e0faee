using SkiaSharp;

namespace Daft.Datasets.Tests.Support;

/// <summary>Real image files, a few pixels each, encoded by SkiaSharp: what the readers list must be on disk.</summary>
static class TinyImages
{
    static readonly byte[] JpegBytes = Encode(SKEncodedImageFormat.Jpeg);

    public static void Jpeg(string path) => Write(path, JpegBytes);

    public static void Png(string path) => Write(path, Encode(SKEncodedImageFormat.Png));

    /// <summary>Writes <paramref name="count"/> JPEGs named <c>{prefix}_{i}.JPEG</c> (ImageNet's naming) into
    /// <paramref name="folder"/>, creating it; returns the folder.</summary>
    public static string WriteMany(string folder, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
            Write(Path.Combine(folder, $"{prefix}_{i}.JPEG"), JpegBytes);
        return folder;
    }

    static void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    static byte[] Encode(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(3, 2);
        for (var y = 0; y < 2; y++)
        {
            for (var x = 0; x < 3; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 80), (byte)(y * 120), 200));
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }
}
