using Daft.Datasets.Images;
using Daft.Shared.Datasets;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Daft.GpuNode.Data.Transforms;

/// <summary>
/// The transforms of one loader (a dataset file's train or eval list, sizes scaled to the job's image size) applied
/// to whole batches: uint8 <c>[B, H, W, 3]</c> in, float32 <c>[B, 3, S, S]</c> in [0, 1] out (<c>ToTensor</c>; no
/// <c>Normalize</c>, the models normalise inside). Steps run in the file's order on the 0..255 scale; when the last
/// one leaves another side than <see cref="OutputSize"/>, a bilinear resize to it follows. Random steps draw per
/// image from <see cref="EpochRandom"/> keyed by (seed, epoch, image row).
/// </summary>
public sealed class BatchPipeline
{
    readonly IReadOnlyList<TransformSpec> _steps;

    BatchPipeline(IReadOnlyList<TransformSpec> steps, int outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        _steps = steps;
        OutputSize = outputSize;
        Flip = steps.OfType<HorizontalFlipSpec>().SingleOrDefault();
    }

    /// <summary>Side of the batches it makes.</summary>
    public int OutputSize { get; }

    /// <summary>The flip step, if any: its coins are drawn per epoch for the whole set (<see cref="EpochRandom.Coins(long, int, int, double)"/>).</summary>
    public HorizontalFlipSpec? Flip { get; }

    public IReadOnlyList<TransformSpec> Steps => _steps;

    /// <summary>
    /// The pipeline of a dataset's <paramref name="config"/>: its train list when <paramref name="train"/> and
    /// <paramref name="augment"/>, else its eval list (training without augmentation sees what evaluation sees),
    /// every size scaled by <c>imageSize / config.ImageSize</c>.
    /// </summary>
    public static BatchPipeline For(DatasetConfig config, bool train, bool augment, int? imageSize)
    {
        var size = imageSize ?? config.ImageSize;
        var steps = train && augment ? config.TrainTransforms : config.EvalTransforms;
        var factor = (double)size / config.ImageSize;
        return Of(size == config.ImageSize ? steps : [.. steps.Select(s => s.Scaled(factor))], size);
    }

    /// <summary>Given steps, then a resize to <paramref name="outputSize"/> if they leave another size.</summary>
    public static BatchPipeline Of(IReadOnlyList<TransformSpec> steps, int outputSize)
    {
        if (steps.OfType<HorizontalFlipSpec>().Count() > 1)
            throw new ArgumentException("A transform list may flip once.", nameof(steps));
        return new(steps, outputSize);
    }

    /// <summary>A random horizontal flip (p = 0.5) when <paramref name="flip"/>, then the resize to <paramref name="outputSize"/>.</summary>
    public static BatchPipeline FlipAndResize(bool flip, int outputSize) => new(flip ? [new HorizontalFlipSpec(0.5)] : [], outputSize);

    /// <summary>Transforms <paramref name="uint8Nhwc"/>, whose images are the set's rows <paramref name="rows"/>;
    /// <paramref name="flips"/> holds this epoch's coins per set row (ignored without a flip step).</summary>
    public Tensor Apply(Tensor uint8Nhwc, ReadOnlySpan<int> rows, bool[]? flips, long seed, int epoch, Device? device = null)
    {
        var flipPositions = new List<long>();
        if (Flip is not null && flips is not null)
        {
            for (var p = 0; p < rows.Length; p++)
                if (flips[rows[p]])
                    flipPositions.Add(p);
        }
        using var scope = NewDisposeScope();
        var flipRows = flipPositions.Count > 0 ? tensor(flipPositions.ToArray()) : null;
        // Prepare's batched torch resize gives PIL's bytes when it enlarges by a whole factor (8 -> 32, CIFAR's
        // 32 -> 224: checked against PIL); other scales on the CPU take the exact per-image path (8 -> 20 differs
        // in ~3% of values).
        if (FastPathSize() is { } size && (device is not null || size % uint8Nhwc.shape[1] == 0))
            return scope.MoveToOuter(BatchTransforms.Prepare(uint8Nhwc, size, flipRows, device));
        var batch = device is null ? uint8Nhwc : uint8Nhwc.to(device);
        var steps = _steps.AsEnumerable();
        Tensor x;
        if (device is null && _steps.FirstOrDefault() is RandomResizedCropSpec firstCrop)
        {
            // The crops read the stored bytes directly: no float copy of the full-size batch.
            using var packed = batch.contiguous();
            x = ResizedCropsOnCpu(packed.bytes.ToArray(), (int)packed.shape[1], (int)packed.shape[2], rows, firstCrop, seed, epoch);
            steps = steps.Skip(1);
        }
        else
        {
            x = batch.permute(0, 3, 1, 2).contiguous().to_type(ScalarType.Float32);
        }
        foreach (var step in steps)
            x = Step(x, step, rows, flipRows, seed, epoch);
        if (x.shape[2] != OutputSize || x.shape[3] != OutputSize)
            x = Resampling.Resize(x, OutputSize, OutputSize, Interpolation.Bilinear);
        return scope.MoveToOuter(x.div_(255.0));
    }

    /// <summary>
    /// The size to hand to <see cref="BatchTransforms.Prepare"/> when the steps are at most a bilinear resize to
    /// <see cref="OutputSize"/> followed by a fair flip (CIFAR-10's and the digits' lists): Prepare mirrors between
    /// the two resize passes, which gives the same pixels as resizing then flipping at a fraction of the cost.
    /// </summary>
    int? FastPathSize()
    {
        var rest = _steps.AsEnumerable();
        if (rest.FirstOrDefault() is ResizeSpec { Interpolation: Interpolation.Bilinear } resize && resize.Size == OutputSize)
            rest = rest.Skip(1);
        if (rest.FirstOrDefault() is HorizontalFlipSpec { P: 0.5 })
            rest = rest.Skip(1);
        return rest.Any() ? null : OutputSize;
    }

    static Tensor Step(Tensor x, TransformSpec step, ReadOnlySpan<int> rows, Tensor? flipRows, long seed, int epoch)
    {
        var (height, width) = ((int)x.shape[2], (int)x.shape[3]);
        switch (step)
        {
            case ResizeSpec resize:
                var (h, w) = Resampling.Target(height, width, resize.Size, resize.Exact);
                return Resampling.Resize(x, h, w, resize.Interpolation);
            case CenterCropSpec crop:
                RequireFits(crop.Size, height, width, "center_crop");
                var box = CropBoxes.Center(height, width, crop.Size);
                return x.narrow(2, box.Top, box.Height).narrow(3, box.Left, box.Width);
            case RandomCropSpec crop:
                var padded = crop.Padding > 0 ? F.pad(x, [crop.Padding, crop.Padding, crop.Padding, crop.Padding]) : x;
                RequireFits(crop.Size, (int)padded.shape[2], (int)padded.shape[3], "random_crop");
                return PerImage(padded, rows, seed, epoch,
                    (image, random) => Cut(image, CropBoxes.Random((int)image.shape[1], (int)image.shape[2], crop.Size, random)));
            case RandomResizedCropSpec crop when x.device_type == TorchSharp.DeviceType.CPU:
                using (var hwc = x.permute(0, 2, 3, 1).to_type(ScalarType.Byte).contiguous())
                    return ResizedCropsOnCpu(hwc.bytes.ToArray(), height, width, rows, crop, seed, epoch);
            case RandomResizedCropSpec crop:
                return PerImage(x, rows, seed, epoch, (image, random) =>
                {
                    using var cut = Cut(image, CropBoxes.ResizedCrop((int)image.shape[1], (int)image.shape[2], crop, random)).unsqueeze(0);
                    return Resampling.Resize(cut, crop.Size, crop.Size, crop.Interpolation).squeeze(0);
                });
            case HorizontalFlipSpec:
                if (flipRows is not null)
                    BatchTransforms.FlipRows(x, flipRows, widthDim: 3);
                return x;
            default:
                throw new NotSupportedException($"Transform {step.GetType().Name} has no batch implementation.");
        }
    }

    /// <summary>
    /// Random resized crops of a CPU batch with PIL's resize (<see cref="PilResample"/>): from the batch's bytes
    /// (<paramref name="source"/>, NHWC), each image is cropped and resized on the thread pool (plain managed code,
    /// no tensors) and the results come back as one float NCHW tensor. The draws are per image row, as on the
    /// device path.
    /// </summary>
    static Tensor ResizedCropsOnCpu(byte[] source, int height, int width, ReadOnlySpan<int> rows, RandomResizedCropSpec crop, long seed, int epoch)
    {
        var count = rows.Length;
        var boxes = new CropBox[count];
        for (var p = 0; p < count; p++)
            boxes[p] = CropBoxes.ResizedCrop(height, width, crop, new EpochRandom(seed, epoch, EpochRandom.Purpose.Crop, rows[p]));
        var side = crop.Size;
        var output = new byte[count * side * side * 3];
        Parallel.For(0, count, p =>
        {
            var box = boxes[p];
            var cut = new byte[box.Height * box.Width * 3];
            for (var y = 0; y < box.Height; y++)
                Array.Copy(source, (((long)p * height + box.Top + y) * width + box.Left) * 3, cut, y * box.Width * 3, box.Width * 3);
            var resized = PilResample.Resize(new RgbPixels(box.Width, box.Height, cut), side, side, crop.Interpolation);
            resized.Data.CopyTo(output, p * side * side * 3);
        });
        using var batch = tensor(output, [count, side, side, 3]);
        using var planar = batch.permute(0, 3, 1, 2);
        return planar.to_type(ScalarType.Float32);
    }

    static Tensor Cut(Tensor chw, CropBox box) => chw.narrow(1, box.Top, box.Height).narrow(2, box.Left, box.Width);

    static Tensor PerImage(Tensor x, ReadOnlySpan<int> rows, long seed, int epoch, Func<Tensor, EpochRandom, Tensor> each)
    {
        var images = new Tensor[rows.Length];
        for (var p = 0; p < rows.Length; p++)
            images[p] = each(x[p], new EpochRandom(seed, epoch, EpochRandom.Purpose.Crop, rows[p]));
        return stack(images);
    }

    static void RequireFits(int size, int height, int width, string name)
    {
        if (size > height || size > width)
            throw new InvalidOperationException($"{name} of {size} does not fit a {height}x{width} image; fix the dataset's transforms or the job's image_size.");
    }
}
