using System.Buffers.Binary;
using System.IO.Compression;

namespace Daft.Tests.Support;

/// <summary>Writes IDX files exactly as MNIST publishes them: big-endian magic, big-endian dimensions, raw bytes;
/// gzipped on request. Shared by the Datasets and GpuNode tests.</summary>
internal static class IdxWriter
{
    public static void Write(string path, int magic, int[] dims, byte[] data, bool gzip = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, magic);
        stream.Write(word);
        foreach (var dim in dims)
        {
            BinaryPrimitives.WriteInt32BigEndian(word, dim);
            stream.Write(word);
        }
        stream.Write(data);
    }
}
