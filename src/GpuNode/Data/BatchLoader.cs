using static TorchSharp.torch;

namespace Daft.GpuNode.Data;

/// <summary>
/// Cuts an <see cref="ImageSet"/> into model-ready batches: float32 <c>[B, 3, S, S]</c> in [0, 1] and int64 labels
/// <c>[B]</c>. Each batch is one <c>index_select</c> on the set's uint8 tensor followed by
/// <see cref="BatchTransforms.Prepare"/>. The order (when shuffling) and the flips (when augmenting) of an epoch are
/// a pure function of (seed, epoch) (<see cref="EpochRandom"/>), so a re-run or another process sees the same batches.
/// The last, smaller batch is kept unless <c>dropLast</c>. The loader does not own the set.
/// </summary>
public sealed class BatchLoader
{
    readonly ImageSet _set;
    readonly bool _shuffle;
    readonly bool _augment;
    readonly int? _imageSize;
    readonly long _seed;
    readonly bool _dropLast;
    readonly Device? _device;

    /// <param name="set">The images; not owned, not copied.</param>
    /// <param name="batchSize">Images per batch (the job's <c>batch_size</c>).</param>
    /// <param name="shuffle">Visit the set in a new random order each epoch; else in file order.</param>
    /// <param name="augment">Random horizontal flip, p = 0.5 per image (the reference's train transform).</param>
    /// <param name="imageSize">Output side; null or the native size means no resize.</param>
    /// <param name="seed">The job's seed; with the epoch number it fixes the order and the flips.</param>
    /// <param name="dropLast">Leave out the last batch when it is smaller than <paramref name="batchSize"/>.</param>
    /// <param name="device">Where batches are made (uint8 is moved first, so resizing runs there); null = CPU.</param>
    public BatchLoader(ImageSet set, int batchSize, bool shuffle, bool augment, int? imageSize, long seed,
        bool dropLast = false, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (imageSize is < 1)
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "Image size must be at least 1 pixel.");
        _set = set;
        BatchSize = batchSize;
        _shuffle = shuffle;
        _augment = augment;
        _imageSize = imageSize;
        _seed = seed;
        _dropLast = dropLast;
        _device = device;
    }

    public int BatchSize { get; }

    /// <summary>Images per epoch (the set's size; fewer when <c>dropLast</c> drops a partial batch).</summary>
    public int Count => _dropLast ? BatchCount * BatchSize : _set.Count;

    public int BatchCount => _dropLast ? _set.Count / BatchSize : (_set.Count + BatchSize - 1) / BatchSize;

    /// <summary>Side of the images the batches hold.</summary>
    public int ImageSize => _imageSize ?? _set.Height;

    /// <summary>The set's row indices in the order epoch <paramref name="epoch"/> visits them (all of them, even
    /// those a dropped last batch leaves out).</summary>
    public int[] Order(int epoch) =>
        _shuffle ? EpochRandom.Permutation(_seed, epoch, _set.Count) : Enumerable.Range(0, _set.Count).ToArray();

    /// <summary>Per set row: whether epoch <paramref name="epoch"/> mirrors it (all false without augmentation).</summary>
    public bool[] Flips(int epoch) =>
        _augment ? EpochRandom.Coins(_seed, epoch, _set.Count) : new bool[_set.Count];

    /// <summary>
    /// The batches of one epoch, made lazily. Each yielded pair is new and owned by the caller: dispose it, or make
    /// the batch inside a dispose scope (a scope open around the loop collects it).
    /// </summary>
    public IEnumerable<(Tensor Images, Tensor Labels)> Epoch(int epoch)
    {
        var order = Order(epoch);
        var flips = Flips(epoch);
        for (var b = 0; b < BatchCount; b++)
        {
            var start = b * BatchSize;
            yield return MakeBatch(order.AsSpan(start, Math.Min(BatchSize, order.Length - start)), flips);
        }
    }

    /// <summary>Evaluation batches: file order, no augmentation, every image (the last batch may be smaller).</summary>
    public static IEnumerable<(Tensor Images, Tensor Labels)> Images(ImageSet set, int batchSize, int? imageSize,
        Device? device = null) =>
        new BatchLoader(set, batchSize, shuffle: false, augment: false, imageSize, seed: 0, dropLast: false, device).Epoch(0);

    // Not an iterator: the dispose scope must close before the batch is handed out, or the caller's tensors
    // would land in it.
    (Tensor Images, Tensor Labels) MakeBatch(ReadOnlySpan<int> rows, bool[] flips)
    {
        using var scope = NewDisposeScope();
        var indices = new long[rows.Length];
        var flipPositions = new List<long>();
        for (var p = 0; p < rows.Length; p++)
        {
            indices[p] = rows[p];
            if (flips[rows[p]])
                flipPositions.Add(p);
        }
        var index = tensor(indices);
        var raw = _set.Images.index_select(0, index);
        var labels = _set.Labels.index_select(0, index);
        if (_device is not null)
            labels = labels.to(_device);
        var images = BatchTransforms.Prepare(raw, _imageSize, flipPositions.Count > 0 ? tensor(flipPositions.ToArray()) : null, _device);
        return scope.MoveToOuter(images, labels);
    }
}
