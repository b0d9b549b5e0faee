using static TorchSharp.torch;

namespace Daft.GpuNode.Data;

/// <summary>
/// Reads CIFAR-10 in its binary layout (https://www.cs.toronto.edu/~kriz/cifar.html, "CIFAR-10 binary version"):
/// <c>DATA_ROOT/cifar-10-batches-bin/data_batch_1..5.bin</c> (train, 50,000) and <c>test_batch.bin</c>
/// (<c>id_val</c>, 10,000). Each record is 1 label byte then 3,072 pixel bytes: the 1,024 red values, then green,
/// then blue, each plane a row-major 32x32 image. Files are read straight into one tensor and turned into HWC with
/// a single permute, so the 50,000 training images load in well under a second.
/// </summary>
public static class Cifar10Binary
{
    public const string FolderName = "cifar-10-batches-bin";
    public const int Side = 32;
    public const int NumClasses = 10;
    const int PixelsPerRecord = 3 * Side * Side;
    /// <summary>1 label byte + 3,072 pixel bytes.</summary>
    public const int RecordSize = 1 + PixelsPerRecord;

    public static readonly IReadOnlyList<string> TrainFiles = [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")];
    public const string TestFile = "test_batch.bin";

    /// <summary>The <c>train</c> (data_batch_1..5) or <c>test</c> (test_batch) files of <paramref name="folder"/> as one set.</summary>
    public static ImageSet ReadSplit(string setName, string folder, string split)
    {
        folder = Path.GetFullPath(folder);
        var paths = (split == "train" ? TrainFiles : [TestFile]).Select(f => Path.Combine(folder, f)).ToList();
        var missing = paths.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException(MissingMessage(folder, missing), missing[0]);
        return ReadRecords(setName, paths);
    }

    /// <summary>Reads and concatenates files in the CIFAR-10 binary record layout into one set.</summary>
    public static ImageSet ReadRecords(string setName, IReadOnlyList<string> paths)
    {
        var counts = paths.Select(RecordCount).ToList();
        var total = counts.Sum();
        using var records = empty([total, RecordSize], ScalarType.Byte);
        // Straight into the tensor's memory: no managed copy of the ~150 MB of pixels.
        var bytes = records.bytes;
        long offset = 0;
        for (var i = 0; i < paths.Count; i++)
        {
            var length = (int)(counts[i] * (long)RecordSize);
            using (var stream = File.OpenRead(paths[i]))
                stream.ReadExactly(bytes.Slice((int)offset, length));
            offset += length;
        }
        using var labelBytes = records.select(1, 0);
        var labels = labelBytes.to_type(ScalarType.Int64);
        CheckLabels(labels, paths, counts);
        using var planes = records.narrow(1, 1, PixelsPerRecord).view(total, 3, Side, Side);
        var images = planes.permute(0, 2, 3, 1).contiguous();
        return new ImageSet(setName, images, labels, NumClasses);
    }

    static long RecordCount(string path)
    {
        var length = new FileInfo(path).Length;
        if (length == 0 || length % RecordSize != 0)
            throw new InvalidDataException(
                $"'{path}' has {length} bytes, not a positive multiple of {RecordSize} (1 label byte + 3,072 pixel bytes per image): "
                + "it is not a CIFAR-10 binary batch, or it is truncated. Re-extract cifar-10-binary.tar.gz.");
        return length / RecordSize;
    }

    static void CheckLabels(Tensor labels, IReadOnlyList<string> paths, IReadOnlyList<long> counts)
    {
        using var tooLarge = labels.ge(NumClasses);
        using var bad = tooLarge.nonzero();
        if (bad.shape[0] == 0)
            return;
        var row = bad.data<long>()[0];
        var label = labels.data<long>()[row];
        labels.Dispose();
        var fileIndex = 0;
        while (row >= counts[fileIndex])
            row -= counts[fileIndex++];
        throw new InvalidDataException(
            $"'{paths[fileIndex]}': record {row} (byte offset {row * RecordSize}) has label {label}; "
            + $"CIFAR-10 labels are 0..{NumClasses - 1}. This is not a CIFAR-10 binary batch (CIFAR-100's binary layout differs).");
    }

    static string MissingMessage(string folder, IReadOnlyList<string> missing) =>
        $"CIFAR-10 not found: looked for {string.Join(", ", missing.Select(p => $"'{p}'"))}. "
        + $"Download the CIFAR-10 binary version (cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html) "
        + $"and extract it under the data root so that '{folder}' holds data_batch_1.bin .. data_batch_5.bin "
        + "and test_batch.bin (e.g. `tar -xzf cifar-10-binary.tar.gz -C DATA_ROOT`), or run `daft data fetch cifar10`.";
}
