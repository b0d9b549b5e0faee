using System.Diagnostics;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.BatchNorm;

/// <summary>
/// DAFT's BN conversion (daft-spec §1.1, the seed README's <c>convert_bn_params</c>): measure each BatchNorm2d
/// layer's input statistics on the target data with the unconverted network in eval mode, then rewrite γ, β and
/// the running statistics so that the eval-mode function is unchanged while the running statistics describe the
/// target data.
/// </summary>
public static class BatchNormConversion
{
    /// <summary>Every BatchNorm2d of <paramref name="model"/> with its state-dict path (e.g. <c>layer1.0.bn1</c>), in module order.</summary>
    public static IReadOnlyList<(string Name, BatchNorm2d Layer)> FindLayers(nn.Module model) =>
        model.named_modules()
            .Where(m => m.module is BatchNorm2d)
            .Select(m => (m.name, (BatchNorm2d)m.module))
            .ToList();

    /// <summary>
    /// One no-grad pass over <paramref name="batches"/> (N×C×H×W images, owned by the caller and moved to the model's
    /// device) with the model in eval
    /// mode. A forward pre-hook on every BatchNorm2d records the per-batch channel mean and unbiased variance of the
    /// layer's input; the layer itself still normalises with its old running statistics, so every layer sees the
    /// activations of the unconverted eval-mode network. The hooks are removed and the training flag restored
    /// afterwards, even when a batch throws. The caller disposes the returned statistics.
    /// </summary>
    public static Dictionary<string, BatchNormStatistics> CollectStatistics(nn.Module<Tensor, Tensor> model, IEnumerable<Tensor> batches)
    {
        var layers = FindLayers(model);
        if (layers.Count == 0)
            throw new ArgumentException($"Model '{model.GetName()}' has no BatchNorm2d layer to convert.", nameof(model));
        var statistics = layers.ToDictionary(l => l.Name, _ => new BatchNormStatistics());
        var hooks = layers
            .Select(l =>
            {
                var layerStatistics = statistics[l.Name];
                return l.Layer.register_forward_pre_hook((_, input) =>
                {
                    layerStatistics.Update(input);
                    return null!; // null leaves the input unchanged
                });
            })
            .ToList();
        var wasTraining = model.training;
        try
        {
            model.eval();
            using var _ = no_grad();
            var device = model.parameters().FirstOrDefault()?.device ?? CPU;
            foreach (var images in batches)
            {
                using var scope = NewDisposeScope();
                model.call(images.to(device));
            }
        }
        catch
        {
            foreach (var s in statistics.Values)
                s.Dispose();
            throw;
        }
        finally
        {
            foreach (var hook in hooks)
                hook.remove();
            model.train(wasTraining);
        }
        return statistics;
    }

    /// <summary>
    /// Rewrites every BatchNorm2d of <paramref name="model"/> in place with the target statistics (μ_t, σ²_t), in the
    /// reference's order: β ← β + (μ_t − μ_s)·γ/√(σ²_s+ε) with the OLD γ first, then γ ← γ·√(σ²_t+ε)/√(σ²_s+ε),
    /// then running_mean ← μ_t and running_var ← σ²_t.
    /// </summary>
    public static void Convert(nn.Module model, IReadOnlyDictionary<string, BatchNormStatistics> statistics)
    {
        var layers = FindLayers(model);
        var missing = layers.Select(l => l.Name).Where(n => !statistics.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"No target statistics for BatchNorm2d layer(s) {string.Join(", ", missing)}.", nameof(statistics));
        var unreached = layers.Select(l => l.Name).Where(n => statistics[n].Batches == 0).ToList();
        if (unreached.Count > 0)
            throw new InvalidOperationException($"No batch reached BatchNorm2d layer(s) {string.Join(", ", unreached)}: BN conversion needs at least one target batch through every layer.");
        using var _ = no_grad();
        foreach (var (name, bn) in layers)
        {
            if (bn.bias is null || bn.running_mean is null || bn.running_var is null)
                throw new InvalidOperationException($"BatchNorm2d '{name}' needs affine parameters and running statistics to be converted.");
            using var scope = NewDisposeScope();
            var targetMean = statistics[name].Mean;
            var targetVar = statistics[name].Var;
            var oldStd = bn.running_var.add(bn.eps).sqrt();
            var newStd = targetVar.add(bn.eps).sqrt();
            // In place: the BatchNorm2d property setters would dispose the tensors they replace.
            bn.bias.add_(targetMean.sub(bn.running_mean).mul(bn.weight).div(oldStd));
            bn.weight.mul_(newStd.div(oldStd));
            bn.running_mean.copy_(targetMean);
            bn.running_var.copy_(targetVar);
        }
    }

    /// <summary>Collects the target statistics over <paramref name="batches"/> and converts <paramref name="model"/> with them.</summary>
    public static BnConversionReport ConvertBn(nn.Module<Tensor, Tensor> model, IEnumerable<Tensor> batches)
    {
        var clock = Stopwatch.StartNew();
        long images = 0;
        var statistics = CollectStatistics(model, batches.Select(b =>
        {
            images += b.shape[0];
            return b;
        }));
        try
        {
            Convert(model, statistics);
            return new BnConversionReport(statistics.Count, statistics.Values.First().Batches, images, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var s in statistics.Values)
                s.Dispose();
        }
    }
}
