using SkiaSharp;

namespace Daft.Datasets.Tests.Support;

/// <summary>A real 4x4 JPEG, encoded once by SkiaSharp; image trees for listing tests are copies of it.</summary>
internal static class TinyJpeg
{
    public static readonly byte[] Bytes = Encode();

    /// <summary>Writes <paramref name="count"/> copies named <c>{prefix}_{i}.JPEG</c> (ImageNet's naming) into
    /// <paramref name="folder"/>, creating it; returns the folder.</summary>
    public static string WriteMany(string folder, string prefix, int count)
    {
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
            File.WriteAllBytes(Path.Combine(folder, $"{prefix}_{i}.JPEG"), Bytes);
        return folder;
    }

    static byte[] Encode()
    {
        using var bitmap = new SKBitmap(4, 4);
        bitmap.Erase(new SKColor(200, 120, 40));
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
