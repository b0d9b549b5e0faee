using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace Daft.Datasets.Formats;

/// <summary>Gives the memory an IDX file's data is read into, once its dimensions are known.</summary>
public delegate Span<byte> IdxAllocator(long[] dimensions);

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/), gzipped or not: a big-endian
/// int32 magic (2051 for images: unsigned bytes, 3 dimensions; 2049 for labels: 1 dimension; the low byte is the
/// number of dimensions), one big-endian int32 per dimension, then the raw bytes, row-major.
/// </summary>
public static class IdxFile
{
    public const int ImagesMagic = 2051;
    public const int LabelsMagic = 2049;

    /// <summary>Reads an unsigned-byte IDX file with the given <paramref name="magic"/> into a managed array.</summary>
    public static (long[] Dimensions, byte[] Data) ReadBytes(string path, int magic)
    {
        byte[] data = [];
        var dims = Read(path, magic, dimensions =>
        {
            data = new byte[dimensions.Aggregate(1L, (a, b) => a * b)];
            return data;
        });
        return (dims, data);
    }

    /// <summary>Reads the file into the memory <paramref name="allocate"/> returns; <paramref name="magic"/> is
    /// <see cref="ImagesMagic"/> or <see cref="LabelsMagic"/>. Errors name the file and what was expected.</summary>
    public static long[] Read(string path, int magic, IdxAllocator allocate)
    {
        var what = magic == ImagesMagic ? "an IDX image file: unsigned bytes, 3 dimensions" : "an IDX label file: unsigned bytes, 1 dimension";
        if (!File.Exists(path))
            throw new FileNotFoundException($"No IDX file at '{Path.GetFullPath(path)}' (expected {what}).", path);
        using var file = File.OpenRead(path);
        var gzipped = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using var stream = gzipped ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        try
        {
            var dims = ReadHeader(stream, path, magic, what);
            var count = dims.Aggregate(1L, (a, b) => a * b);
            if (count > int.MaxValue)
                throw new InvalidDataException($"'{path}': dimensions ({string.Join(", ", dims)}) hold {count} bytes, more than one file can.");
            ReadBody(stream, allocate(dims), path, dims, gzipped);
            return dims;
        }
        catch (InvalidDataException error) when (gzipped && !error.Message.StartsWith('\''))
        {
            // GZipStream's own complaints ("the archive entry was compressed using an unsupported method") name no file.
            throw new InvalidDataException($"'{path}' is not a valid gzip stream: {error.Message}", error);
        }
    }

    static long[] ReadHeader(Stream stream, string path, int magic, string what)
    {
        Span<byte> word = stackalloc byte[4];
        if (stream.ReadAtLeast(word, 4, throwOnEndOfStream: false) < 4)
            throw new InvalidDataException($"'{path}' is too short to hold an IDX header (expected {what}, magic {magic}).");
        var actual = BinaryPrimitives.ReadInt32BigEndian(word);
        if (actual != magic)
            throw new InvalidDataException(
                $"'{path}' starts with magic {actual}; expected {magic} ({what}). "
                + (actual == ImagesMagic + LabelsMagic - magic ? "The image and label files look swapped." : "This is not an MNIST-style IDX file."));
        var dims = new long[magic & 0xff];
        for (var i = 0; i < dims.Length; i++)
        {
            if (stream.ReadAtLeast(word, 4, throwOnEndOfStream: false) < 4)
                throw new InvalidDataException($"'{path}' is truncated inside its header: {dims.Length} dimensions expected.");
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(word);
            if (dims[i] < 0 || (i > 0 && dims[i] == 0))
                throw new InvalidDataException($"'{path}': dimension {i} is {dims[i]}; expected a positive size.");
        }
        return dims;
    }

    static void ReadBody(Stream stream, Span<byte> span, string path, long[] dims, bool gzipped)
    {
        var read = stream.ReadAtLeast(span, span.Length, throwOnEndOfStream: false);
        var extra = read == span.Length && stream.ReadByte() >= 0;
        if (read < span.Length || extra)
            throw new InvalidDataException(
                $"'{path}'{(gzipped ? " (decompressed)" : "")} has {(extra ? "more" : "only " + read.ToString(CultureInfo.InvariantCulture))} "
                + $"data bytes after its header; dimensions ({string.Join(", ", dims)}) need exactly {span.Length}. "
                + "The file is truncated or not the file it is named after.");
    }
}
