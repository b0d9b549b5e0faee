using System.Buffers.Binary;
using SkiaSharp;

namespace Daft.Coordinator.Tests.Results.Plots;

/// <summary>What the tests check of a PNG: its signature and IHDR size read from the bytes, and its pixels decoded.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Width and height from the IHDR chunk, which a valid PNG has first, after the 8-byte signature.</summary>
    public static (int Width, int Height) Size(byte[] png)
    {
        Assert.Equal(Signature, png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>The share of pixels that differ between two images of one size.</summary>
    public static double DifferentShare(byte[] first, byte[] second)
    {
        using var a = SKBitmap.Decode(first);
        using var b = SKBitmap.Decode(second);
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        var different = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                different += a.GetPixel(x, y) != b.GetPixel(x, y) ? 1 : 0;
            }
        }

        return (double)different / (a.Width * a.Height);
    }

    /// <summary>Pixels of the rows [<paramref name="top"/>, <paramref name="bottom"/>) darker than mid-grey: text and lines.</summary>
    public static int DarkPixels(byte[] png, int top, int bottom)
    {
        using var bitmap = SKBitmap.Decode(png);
        var dark = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                dark += pixel.Red + pixel.Green + pixel.Blue < 3 * 128 ? 1 : 0;
            }
        }

        return dark;
    }
}
