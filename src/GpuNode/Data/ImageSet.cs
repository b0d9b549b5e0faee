using static TorchSharp.torch;

namespace Daft.GpuNode.Data;

/// <summary>
/// One named split held in memory: every image in one uint8 tensor <c>[N, H, W, 3]</c> (RGB, HWC as the files
/// store them; grayscale is already expanded to 3 channels) and the labels in one int64 tensor <c>[N]</c>.
/// Batches are cut from it with <see cref="BatchLoader"/>; the set owns both tensors and disposes them.
/// </summary>
public sealed class ImageSet : IDisposable
{
    /// <summary>Takes ownership of <paramref name="images"/> and <paramref name="labels"/> (CPU tensors).</summary>
    public ImageSet(string name, Tensor images, Tensor labels, int numClasses)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (images.dtype != ScalarType.Byte || images.dim() != 4 || images.shape[3] != 3)
            throw new ArgumentException($"Image set '{name}': images must be uint8 [N, H, W, 3], got {images.dtype} [{string.Join(", ", images.shape)}].", nameof(images));
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"Image set '{name}': labels must be int64 [{images.shape[0]}], got {labels.dtype} [{string.Join(", ", labels.shape)}].", nameof(labels));
        if (numClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, $"Image set '{name}' needs at least one class.");
        if (labels.shape[0] > 0)
        {
            using var minTensor = labels.min();
            using var maxTensor = labels.max();
            var min = minTensor.item<long>();
            var max = maxTensor.item<long>();
            if (min < 0 || max >= numClasses)
                throw new ArgumentException($"Image set '{name}': labels span {min}..{max}, outside 0..{numClasses - 1}.", nameof(labels));
        }
        Name = name;
        Images = images.is_contiguous() ? images : images.contiguous();
        if (!ReferenceEquals(Images, images))
            images.Dispose();
        Labels = labels;
        NumClasses = numClasses;
    }

    /// <summary>The split's name as results report it (<c>train</c>, <c>id_val</c>, or an OOD set's name).</summary>
    public string Name { get; }

    /// <summary>uint8 <c>[N, H, W, 3]</c>, contiguous, on the CPU.</summary>
    public Tensor Images { get; }

    /// <summary>int64 <c>[N]</c>, each in <c>0..NumClasses-1</c>.</summary>
    public Tensor Labels { get; }

    public int NumClasses { get; }

    public int Count => (int)Images.shape[0];

    /// <summary>Native image height in pixels (before any resize).</summary>
    public int Height => (int)Images.shape[1];

    /// <summary>Native image width in pixels (before any resize).</summary>
    public int Width => (int)Images.shape[2];

    /// <summary>A new set holding copies of the given rows, in the given order.</summary>
    public ImageSet Subset(string name, IReadOnlyList<long> indices)
    {
        using var index = tensor(indices.ToArray(), ScalarType.Int64);
        return new ImageSet(name, Images.index_select(0, index), Labels.index_select(0, index), NumClasses);
    }

    public override string ToString() => $"{Name}: {Count} images {Height}x{Width}, {NumClasses} classes";

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
