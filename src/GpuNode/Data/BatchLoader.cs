using Daft.GpuNode.Data.Transforms;
using static TorchSharp.torch;

namespace Daft.GpuNode.Data;

/// <summary>
/// Cuts an <see cref="ImageSet"/> into model-ready batches: float32 <c>[B, 3, S, S]</c> in [0, 1] and int64 labels
/// <c>[B]</c>. Each batch is one <c>index_select</c> on the set's uint8 tensor followed by the loader's
/// <see cref="BatchPipeline"/>. The order (when shuffling), the flips and the crops of an epoch are a pure function
/// of (seed, epoch) (<see cref="EpochRandom"/>), so a re-run or another process sees the same batches.
/// The last, smaller batch is kept unless <c>dropLast</c>. The loader does not own the set.
/// </summary>
public sealed class BatchLoader
{
    readonly ImageSet _set;
    readonly bool _shuffle;
    readonly BatchPipeline _pipeline;
    readonly long _seed;
    readonly bool _dropLast;
    readonly Device? _device;

    /// <param name="set">The images; not owned, not copied.</param>
    /// <param name="batchSize">Images per batch (the job's <c>batch_size</c>).</param>
    /// <param name="shuffle">Visit the set in a new random order each epoch; else in file order.</param>
    /// <param name="pipeline">The transforms (a dataset's train or eval list, <see cref="BatchPipeline.For"/>).</param>
    /// <param name="seed">The job's seed; with the epoch number it fixes the order, the flips and the crops.</param>
    /// <param name="dropLast">Leave out the last batch when it is smaller than <paramref name="batchSize"/>.</param>
    /// <param name="device">Where batches are made (uint8 is moved first, so resizing runs there); null = CPU.</param>
    public BatchLoader(ImageSet set, int batchSize, bool shuffle, BatchPipeline pipeline, long seed,
        bool dropLast = false, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _set = set;
        BatchSize = batchSize;
        _shuffle = shuffle;
        _pipeline = pipeline;
        _seed = seed;
        _dropLast = dropLast;
        _device = device;
    }

    /// <summary>A loader whose only transforms are a random flip (p = 0.5, when <paramref name="augment"/>) and a
    /// bilinear resize to <paramref name="imageSize"/> (null: the set's own size, no resize).</summary>
    public BatchLoader(ImageSet set, int batchSize, bool shuffle, bool augment, int? imageSize, long seed,
        bool dropLast = false, Device? device = null)
        : this(set, batchSize, shuffle, BatchPipeline.FlipAndResize(augment, CheckedSize(imageSize) ?? set.Height), seed, dropLast, device)
    {
    }

    static int? CheckedSize(int? imageSize) => imageSize is < 1
        ? throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "Image size must be at least 1 pixel.")
        : imageSize;

    public int BatchSize { get; }

    /// <summary>Images per epoch (the set's size; fewer when <c>dropLast</c> drops a partial batch).</summary>
    public int Count => _dropLast ? BatchCount * BatchSize : _set.Count;

    public int BatchCount => _dropLast ? _set.Count / BatchSize : (_set.Count + BatchSize - 1) / BatchSize;

    /// <summary>Side of the images the batches hold.</summary>
    public int ImageSize => _pipeline.OutputSize;

    /// <summary>The set's row indices in the order epoch <paramref name="epoch"/> visits them (all of them, even
    /// those a dropped last batch leaves out).</summary>
    public int[] Order(int epoch) =>
        _shuffle ? EpochRandom.Permutation(_seed, epoch, _set.Count) : Enumerable.Range(0, _set.Count).ToArray();

    /// <summary>Per set row: whether epoch <paramref name="epoch"/> mirrors it (all false without a flip step).</summary>
    public bool[] Flips(int epoch) =>
        _pipeline.Flip is { } flip ? EpochRandom.Coins(_seed, epoch, _set.Count, flip.P) : new bool[_set.Count];

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
            yield return MakeBatch(order.AsSpan(start, Math.Min(BatchSize, order.Length - start)), flips, epoch);
        }
    }

    /// <summary>Evaluation batches: file order, no augmentation, every image (the last batch may be smaller).</summary>
    public static IEnumerable<(Tensor Images, Tensor Labels)> Images(ImageSet set, int batchSize, int? imageSize,
        Device? device = null) =>
        new BatchLoader(set, batchSize, shuffle: false, augment: false, imageSize, seed: 0, dropLast: false, device).Epoch(0);

    // Not an iterator: the dispose scope must close before the batch is handed out, or the caller's tensors
    // would land in it.
    (Tensor Images, Tensor Labels) MakeBatch(ReadOnlySpan<int> rows, bool[] flips, int epoch)
    {
        using var scope = NewDisposeScope();
        var indices = new long[rows.Length];
        for (var p = 0; p < rows.Length; p++)
            indices[p] = rows[p];
        var index = tensor(indices);
        var raw = _set.Images.index_select(0, index);
        var labels = _set.Labels.index_select(0, index);
        if (_device is not null)
            labels = labels.to(_device);
        var images = _pipeline.Apply(raw, rows, flips, _seed, epoch, _device);
        return scope.MoveToOuter(images, labels);
    }
}
