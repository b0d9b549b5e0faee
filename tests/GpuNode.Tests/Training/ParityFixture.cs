using System.Globalization;
using Daft.GpuNode.Models;
using Daft.GpuNode.Tests.Support;
using Daft.GpuNode.Weights;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Training;

/// <summary>
/// Reads the fixtures of tools/fixtures/make_training_fixtures.py (Fixtures/bn, Fixtures/training) and builds the
/// deterministic models they were made from.
/// </summary>
static class ParityFixture
{
    /// <summary>All tensors of <c>Fixtures/&lt;relative&gt;</c>.</summary>
    public static Dictionary<string, Tensor> Load(string relative) =>
        SafeTensors.Load(Path.Combine(TestSetup.Fixtures, relative));

    /// <summary>The named backbone with a 10-class head and the deterministic weights the Python side used.</summary>
    public static ClassifierNetwork Model(string backbone)
    {
        var net = Backbones.Create(backbone, 10);
        DeterministicWeights.Fill(net);
        return net;
    }

    /// <summary>uint8 images as the fixtures use them: uint8 / 255 in float32.</summary>
    public static Tensor Images(Tensor uint8) => uint8.to(ScalarType.Float32).div(255);

    /// <summary>The tensors named <c>&lt;prefix&gt;.0</c>, <c>&lt;prefix&gt;.1</c>, ... in index order.</summary>
    public static List<Tensor> Indexed(Dictionary<string, Tensor> tensors, string prefix) =>
        [.. tensors.Where(kv => kv.Key.StartsWith(prefix + ".", StringComparison.Ordinal))
            .OrderBy(kv => int.Parse(kv.Key[(prefix.Length + 1)..], CultureInfo.InvariantCulture))
            .Select(kv => kv.Value)];

    /// <summary>Max |a − b|.</summary>
    public static double MaxAbs(Tensor a, Tensor b)
    {
        Assert.Equal(b.shape, a.shape);
        return a.to(float64).sub(b.to(float64)).abs().max().item<double>();
    }

    /// <summary>Max |a − b| / max |b|: the difference relative to the tensor's scale (elements near zero do not blow it up).</summary>
    public static double MaxRelative(Tensor a, Tensor b) => MaxAbs(a, b) / Math.Max(b.to(float64).abs().max().item<double>(), 1e-30);

    /// <summary>Max over elements of |a − b| / |b|, elements with |b| below <paramref name="floor"/> measured against the floor.</summary>
    public static double MaxElementRelative(Tensor a, Tensor b, double floor = 1e-3)
    {
        Assert.Equal(b.shape, a.shape);
        var b64 = b.to(float64);
        return a.to(float64).sub(b64).abs().div(b64.abs().clamp_min(floor)).max().item<double>();
    }
}
