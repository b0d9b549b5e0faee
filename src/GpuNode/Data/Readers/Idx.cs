using System.Buffers.Binary;
using System.IO.Compression;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data.Readers;

/// <summary>
/// Reads MNIST and Fashion-MNIST in their published IDX format (http://yann.lecun.com/exdb/mnist/), gzipped or not:
/// a big-endian int32 magic (2051 for images: unsigned bytes, 3 dimensions; 2049 for labels: 1 dimension), one
/// big-endian int32 per dimension, then the raw bytes, row-major. Grayscale images are expanded to 3 channels.
/// Pixels are read straight into the tensor's memory, so the 60,000 training images load in a fraction of a second.
/// </summary>
public static class Idx
{
    public const int ImagesMagic = 2051;
    public const int LabelsMagic = 2049;
    public const int NumClasses = 10;
    public const string TrainImages = "train-images-idx3-ubyte";
    public const string TrainLabels = "train-labels-idx1-ubyte";
    public const string TestImages = "t10k-images-idx3-ubyte";
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>Loads <c>train</c> and <c>id_val</c> (the t10k files) from <paramref name="folder"/>, each file
    /// either plain or with a <c>.gz</c> suffix. No OOD sets.</summary>
    public static DatasetSplits LoadSplits(string folder, string name)
    {
        folder = Path.GetFullPath(folder);
        string[] baseNames = [TrainImages, TrainLabels, TestImages, TestLabels];
        var found = baseNames.Select(b => Find(folder, b)).ToList();
        var missing = baseNames.Where((_, i) => found[i] is null).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException(
                $"Dataset '{name}' not found: in '{folder}' there is no {string.Join(", ", missing.Select(m => $"'{m}' or '{m}.gz'"))}. "
                + $"Put the four IDX files ({string.Join(", ", baseNames)}, gzipped or not) in that folder. "
                + "Daft has no download command yet: `daft data fetch` arrives with the datasets issue.",
                Path.Combine(folder, missing[0]));
        var train = Load("train", found[0]!, found[1]!);
        try
        {
            var idVal = Load(DatasetSplits.IdValName, found[2]!, found[3]!);
            return new DatasetSplits(name, train, idVal, []);
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>The plain file <paramref name="baseName"/> in <paramref name="folder"/>, else its <c>.gz</c>,
    /// else null.</summary>
    public static string? Find(string folder, string baseName)
    {
        var plain = Path.Combine(folder, baseName);
        if (File.Exists(plain))
            return plain;
        var gz = plain + ".gz";
        return File.Exists(gz) ? gz : null;
    }

    /// <summary>One set from an image file and a label file whose counts must agree.</summary>
    public static ImageSet Load(string setName, string imagesPath, string labelsPath)
    {
        using var gray = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        var labelCount = labels.shape[0];
        if (labelCount != gray.shape[0])
        {
            labels.Dispose();
            throw new InvalidDataException(
                $"'{imagesPath}' holds {gray.shape[0]} images but '{labelsPath}' holds {labelCount} labels; they must pair up one to one.");
        }
        using var channel = gray.unsqueeze(3);
        var rgb = channel.expand(-1, -1, -1, 3).contiguous();
        return new ImageSet(setName, rgb, labels, NumClasses);
    }

    /// <summary>An IDX image file as uint8 <c>[N, rows, cols]</c>.</summary>
    public static Tensor ReadImages(string path) => Read(path, ImagesMagic, "an IDX image file: unsigned bytes, 3 dimensions");

    /// <summary>An IDX label file as int64 <c>[N]</c>, each checked to be in 0..9.</summary>
    public static Tensor ReadLabels(string path)
    {
        using var bytes = Read(path, LabelsMagic, "an IDX label file: unsigned bytes, 1 dimension");
        var labels = bytes.to_type(ScalarType.Int64);
        try
        {
            LabelRange.Check(labels, 0, NumClasses - 1, path, "MNIST / Fashion-MNIST");
            return labels;
        }
        catch
        {
            labels.Dispose();
            throw;
        }
    }

    static Tensor Read(string path, int magic, string what)
    {
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
            var tensor = empty(dims, ScalarType.Byte);
            try
            {
                ReadBody(stream, tensor, path, dims, gzipped);
                return tensor;
            }
            catch
            {
                tensor.Dispose();
                throw;
            }
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

    static void ReadBody(Stream stream, Tensor tensor, string path, long[] dims, bool gzipped)
    {
        var span = tensor.bytes;
        var read = stream.ReadAtLeast(span, span.Length, throwOnEndOfStream: false);
        var extra = read == span.Length && stream.ReadByte() >= 0;
        if (read < span.Length || extra)
            throw new InvalidDataException(
                $"'{path}'{(gzipped ? " (decompressed)" : "")} has {(extra ? "more" : "only " + read.ToString(System.Globalization.CultureInfo.InvariantCulture))} "
                + $"data bytes after its header; dimensions ({string.Join(", ", dims)}) need exactly {span.Length}. "
                + "The file is truncated or not the file it is named after.");
    }
}
