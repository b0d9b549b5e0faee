using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Daft.GpuNode.Tests.Data.Images;

/// <summary>
/// Writes PNG files byte by byte (signature, IHDR, optional PLTE, one zlib IDAT with filter 0 rows, IEND), so
/// tests control exactly which PNG colour type a file uses: 0 gray, 2 RGB, 3 palette, 6 RGBA, all 8-bit.
/// </summary>
static class PngWriter
{
    public const byte Gray = 0, Rgb = 2, Palette = 3, Rgba = 6;

    /// <summary><paramref name="samples"/>: rows top to bottom, <c>channels(colorType)</c> bytes per pixel.</summary>
    public static void Write(string path, int width, int height, byte colorType, byte[] samples, byte[]? paletteRgb = null)
    {
        var rowBytes = width * Channels(colorType);
        if (samples.Length != rowBytes * height)
            throw new ArgumentException($"Expected {rowBytes * height} sample bytes, got {samples.Length}.", nameof(samples));
        using var file = File.Create(path);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = colorType; // compression, filter and interlace methods stay 0
        WriteChunk(file, "IHDR", header);
        if (paletteRgb is not null)
            WriteChunk(file, "PLTE", paletteRgb);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            for (var row = 0; row < height; row++)
            {
                zlib.WriteByte(0); // filter type None
                zlib.Write(samples, row * rowBytes, rowBytes);
            }
        WriteChunk(file, "IDAT", compressed.ToArray());
        WriteChunk(file, "IEND", []);
    }

    static int Channels(byte colorType) => colorType switch { Gray or Palette => 1, Rgb => 3, Rgba => 4, _ => throw new ArgumentOutOfRangeException(nameof(colorType)) };

    static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typeAndData));
        stream.Write(word);
    }

    /// <summary>The CRC-32 PNG chunks carry (ISO 3309 polynomial, reflected 0xEDB88320).</summary>
    static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
