using Daft.GpuNode.Models;
using Daft.GpuNode.Training;
using static TorchSharp.torch;

namespace Daft.GpuNode.Pipelines;

/// <summary>Penultimate features of a model over a loader, in eval mode, no grad (DAFT's extract_features.py).</summary>
public static class FeatureExtraction
{
    /// <summary>
    /// Features [N, FeatureDim] float32 and labels [N] int64 on the CPU, in loader order. The batches stay the
    /// caller's (pass loader streams through <c>DisposeEach()</c>, as the trainer's callers do).
    /// </summary>
    public static (Tensor Features, Tensor Labels) Extract(ClassifierNetwork model, IEnumerable<(Tensor Images, Tensor Labels)> batches, CancellationToken cancellation = default)
    {
        var wasTraining = model.training;
        model.eval();
        var features = new List<Tensor>();
        var labels = new List<Tensor>();
        var device = Trainer.DeviceOf(model);
        try
        {
            using var _ = no_grad();
            foreach (var (images, y) in batches)
            {
                cancellation.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                features.Add(model.Features(images.to(device)).cpu().MoveToOuterDisposeScope());
                labels.Add(y.cpu().MoveToOuterDisposeScope());
            }
            if (features.Count == 0)
                return (zeros(0, model.FeatureDim), zeros(0, dtype: ScalarType.Int64));
            return (cat(features, 0), cat(labels, 0));
        }
        finally
        {
            foreach (var t in features.Concat(labels))
                t.Dispose();
            model.train(wasTraining);
        }
    }
}
