using static TorchSharp.torch;

namespace Daft.GpuNode.BatchNorm;

/// <summary>
/// The target statistics of one BatchNorm2d layer, kept as the DAFT code's <c>utils.metric.Statistics</c> keeps
/// them: running sums of the per-batch channel means and per-batch <b>unbiased</b> channel variances, divided by the
/// number of batches. Every batch counts equally (a smaller last batch included), and the spread of the batch
/// means is not added, so <see cref="Var"/> is the expected within-batch variance, not the pooled variance.
/// </summary>
public sealed class BatchNormStatistics : IDisposable
{
    static readonly long[] ChannelDims = [0, 2, 3];

    Tensor? _meanSum;
    Tensor? _varSum;

    /// <summary>Number of batches seen.</summary>
    public long Batches { get; private set; }

    /// <summary>Mean over batches of the per-batch channel means (a new tensor the caller disposes).</summary>
    public Tensor Mean => (_meanSum ?? throw NoBatches()).div(Batches);

    /// <summary>Mean over batches of the per-batch unbiased channel variances (a new tensor the caller disposes).</summary>
    public Tensor Var => (_varSum ?? throw NoBatches()).div(Batches);

    /// <summary>Adds one batch: <paramref name="input"/> is the layer input, N×C×H×W.</summary>
    public void Update(Tensor input)
    {
        if (input.dim() != 4)
            throw new ArgumentException($"BatchNorm2d statistics need an N×C×H×W input, got shape [{string.Join(", ", input.shape)}].", nameof(input));
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var mean = input.mean(ChannelDims);
        // Unbiased (÷ N·H·W − 1), as torch.var's default in the reference: "sample variance (not population variance)".
        var variance = input.var(ChannelDims, unbiased: true);
        if (_meanSum is null || _varSum is null)
        {
            _meanSum = mean.clone().DetachFromDisposeScope();
            _varSum = variance.clone().DetachFromDisposeScope();
        }
        else
        {
            _meanSum.add_(mean);
            _varSum.add_(variance);
        }
        Batches++;
    }

    static InvalidOperationException NoBatches() =>
        new("No batch reached this BatchNorm layer: BN conversion needs at least one target batch.");

    public void Dispose()
    {
        _meanSum?.Dispose();
        _varSum?.Dispose();
    }
}
