using static TorchSharp.torch;

namespace Daft.GpuNode.Models;

/// <summary>
/// Per-channel <c>(x - mean) / std</c> of NCHW images, with mean and std held as non-persistent buffers: they move
/// with the model between devices but are not in the state dict (the reference checkpoints do not have them).
/// </summary>
public sealed class PixelNormalization : nn.Module<Tensor, Tensor>
{
    // Field names equal the buffer names, so TorchSharp's .to() swaps these fields for the moved tensors.
    readonly Tensor mean;
    readonly Tensor std;

    public PixelNormalization(IReadOnlyList<double> mean, IReadOnlyList<double> std) : base(nameof(PixelNormalization))
    {
        if (mean.Count != std.Count)
            throw new ArgumentException($"Pixel normalisation needs one std per mean; got {mean.Count} means and {std.Count} stds.");
        // float32 of the double constants, as torchvision.transforms.Normalize does.
        this.mean = tensor(mean.Select(m => (float)m).ToArray()).view(1, mean.Count, 1, 1);
        this.std = tensor(std.Select(s => (float)s).ToArray()).view(1, std.Count, 1, 1);
        register_buffer(nameof(this.mean), this.mean, persistent: false);
        register_buffer(nameof(this.std), this.std, persistent: false);
    }

    /// <summary>The per-channel means, as given.</summary>
    public float[] Mean => mean.data<float>().ToArray();

    /// <summary>The per-channel standard deviations, as given.</summary>
    public float[] Std => std.data<float>().ToArray();

    public override Tensor forward(Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != mean.shape[1])
            throw new ArgumentException($"Expected images of shape [N, {mean.shape[1]}, H, W]; got [{string.Join(", ", images.shape)}].");
        return images.sub(mean).div(std);
    }
}
