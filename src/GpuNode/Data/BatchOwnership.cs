using static TorchSharp.torch;

namespace Daft.GpuNode.Data;

/// <summary>
/// Loader batches are new tensors their consumer owns. The trainer, the evaluator and BN conversion do not
/// dispose what they are given, so streams handed to them go through <see cref="DisposeEach"/>: each batch is
/// disposed once the consumer asks for the next one (or stops), and native memory stays flat over an epoch.
/// </summary>
public static class BatchOwnership
{
    /// <summary>Yields each batch, disposing it when the consumer moves past it.</summary>
    public static IEnumerable<(Tensor Images, Tensor Labels)> DisposeEach(this IEnumerable<(Tensor Images, Tensor Labels)> batches)
    {
        foreach (var (images, labels) in batches)
        {
            try
            {
                yield return (images, labels);
            }
            finally
            {
                images.Dispose();
                labels.Dispose();
            }
        }
    }

    /// <summary>The images of each batch (labels disposed at once, images when the consumer moves on).</summary>
    public static IEnumerable<Tensor> ImagesOnly(this IEnumerable<(Tensor Images, Tensor Labels)> batches)
    {
        foreach (var (images, labels) in batches.DisposeEach())
            yield return images;
    }
}
