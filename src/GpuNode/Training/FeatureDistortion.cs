using Daft.GpuNode.Models;
using static TorchSharp.torch;

namespace Daft.GpuNode.Training;

/// <summary>
/// Feature-distortion metrics (daft-spec §7): per-tensor weight change and BN running-stat drift between two nets
/// of the same architecture, and per-sample feature drift on a loader. Norms and per-sample values are computed
/// in float64.
/// </summary>
public static class FeatureDistortion
{
    public static DistortionReport Compute(ClassifierNetwork initial, ClassifierNetwork current, IEnumerable<(Tensor Images, Tensor Labels)> batches)
    {
        var tensors = TensorDrifts(initial, current);
        var body = tensors.Where(t => t.Kind == TensorKind.Parameter).ToList();
        var bodyChange = Math.Sqrt(body.Sum(t => t.AbsoluteChange * t.AbsoluteChange));
        var bodyNorm = Math.Sqrt(body.Sum(t => t.InitialNorm * t.InitialNorm));
        return new DistortionReport(bodyNorm > 0 ? bodyChange / bodyNorm : null, bodyChange, tensors, FeatureDrifts(initial, current, batches));
    }

    /// <summary>Drift of every floating-point state-dict tensor (integer counters such as num_batches_tracked are skipped), in state-dict order.</summary>
    public static IReadOnlyList<TensorDrift> TensorDrifts(ClassifierNetwork initial, ClassifierNetwork current)
    {
        using var noGrad = no_grad();
        var before = initial.state_dict();
        var after = current.state_dict();
        var parameterNames = initial.named_parameters().Select(p => p.name).ToHashSet();
        var drifts = new List<TensorDrift>();
        foreach (var (name, t0) in before)
        {
            if (!t0.is_floating_point())
                continue;
            if (!after.TryGetValue(name, out var t) || !t.shape.SequenceEqual(t0.shape))
                throw new ArgumentException($"The two nets differ at '{name}': distortion needs the same architecture.", nameof(current));
            using var scope = NewDisposeScope();
            var a = t0.to(ScalarType.Float64);
            var b = t.to(ScalarType.Float64).to(a.device);
            var initialNorm = a.norm().item<double>();
            var change = b.sub(a).norm().item<double>();
            drifts.Add(new TensorDrift(name, KindOf(name, parameterNames.Contains(name)), initialNorm, b.norm().item<double>(), change,
                initialNorm > 0 ? change / initialNorm : null));
        }
        return drifts;
    }

    /// <summary>Per-sample feature drift of <paramref name="current"/> against <paramref name="initial"/>, both in eval mode under no_grad; training flags are restored.</summary>
    public static FeatureDrift FeatureDrifts(ClassifierNetwork initial, ClassifierNetwork current, IEnumerable<(Tensor Images, Tensor Labels)> batches)
    {
        var (initialWasTraining, currentWasTraining) = (initial.training, current.training);
        initial.eval();
        current.eval();
        var cosine = new List<double>();
        var dot = new List<double>();
        var distance = new List<double>();
        var ratio = new List<double>();
        var initialNorm = new List<double>();
        var currentNorm = new List<double>();
        try
        {
            using var noGrad = no_grad();
            var (initialDevice, currentDevice) = (Trainer.DeviceOf(initial), Trainer.DeviceOf(current));
            foreach (var (images, _) in batches)
            {
                using var scope = NewDisposeScope();
                var f0 = initial.Features(images.to(initialDevice)).to(ScalarType.Float64).cpu();
                var f = current.Features(images.to(currentDevice)).to(ScalarType.Float64).cpu();
                var n0 = f0.norm(1);
                var n = f.norm(1);
                var d = f.mul(f0).sum(1);
                dot.AddRange(d.data<double>());
                // The norm product is clamped so an all-zero feature gives cosine 0, not NaN.
                cosine.AddRange(d.div(n.mul(n0).clamp_min(1e-12)).data<double>());
                distance.AddRange(f.sub(f0).norm(1).data<double>());
                ratio.AddRange(n.div(n0).data<double>());
                initialNorm.AddRange(n0.data<double>());
                currentNorm.AddRange(n.data<double>());
            }
        }
        finally
        {
            initial.train(initialWasTraining);
            current.train(currentWasTraining);
        }
        if (cosine.Count == 0)
            throw new ArgumentException("Feature distortion got no batch.", nameof(batches));
        return new FeatureDrift(cosine.Count,
            cosine.Average(), Std(cosine), dot.Average(), Std(dot), distance.Average(), Std(distance),
            ratio.Average(), initialNorm.Average(), currentNorm.Average());
    }

    static TensorKind KindOf(string name, bool isParameter) =>
        name.StartsWith(ClassifierNetwork.HeadPrefix, StringComparison.Ordinal) ? TensorKind.Head
        : isParameter ? TensorKind.Parameter
        : name.EndsWith(".running_mean", StringComparison.Ordinal) ? TensorKind.RunningMean
        : name.EndsWith(".running_var", StringComparison.Ordinal) ? TensorKind.RunningVar
        : TensorKind.Buffer;

    // Population std (numpy's default ddof=0), as the reference's per-sample statistics.
    static double Std(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}
