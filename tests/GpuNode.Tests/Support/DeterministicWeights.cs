using Daft.GpuNode.Weights;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Support;

/// <summary>
/// Fills a module's state dict with the deterministic values of tools/fixtures/deterministic_weights.py, entry by entry
/// in PyTorch's state-dict order, so C# modules and their Python references get bit-identical weights without weight
/// files. The rule (see the Python file for the why of each scale): for entry k and element i,
/// <c>m = (i * 2654435761 + 97 k) mod 2001</c>, <c>raw = (m - 1000) / 1000</c>, then by name and shape:
/// integers m; running_var 0.5 + |raw|; running_mean and bias 0.1 raw; weights with 2+ dims raw * sqrt(3 / fan_in);
/// 1-d weights 1 + 0.25 raw; anything else raw / sqrt(last dim). Computed in double, rounded to the tensor's dtype.
/// </summary>
public static class DeterministicWeights
{
    const long Modulus = 2001;
    const long Multiplier = 2654435761;
    const long EntryStride = 97;

    /// <summary>Overwrites every state-dict entry of <paramref name="model"/> in place; returns the entries in fill order.</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> Fill(nn.Module model)
    {
        var filled = new List<(string, long[])>();
        using var _ = no_grad();
        var entries = StateDictOrder.Entries(model);
        for (var k = 0; k < entries.Count; k++)
        {
            var (name, target) = entries[k];
            using var values = Values(k, name, target.shape, target.dtype);
            target.copy_(values);
            filled.Add((name, target.shape));
        }
        return filled;
    }

    /// <summary>The values of the k-th entry as a CPU tensor of the given shape and dtype.</summary>
    public static Tensor Values(int k, string name, long[] shape, ScalarType dtype)
    {
        var n = shape.Aggregate(1L, (a, b) => a * b);
        // m depends on i only through i mod 2001, so one period of values is computed and tiled.
        var period = Math.Min(n, Modulus);
        if (!is_floating_point(dtype))
        {
            var ints = new long[n];
            for (long i = 0; i < n; i++)
                ints[i] = i < period ? M(k, i) : ints[i - period];
            return tensor(ints, shape).to(dtype);
        }
        var rule = Rule(name, shape);
        if (dtype == ScalarType.Float32)
        {
            // (float)double rounds to nearest even, exactly as torch's float64 -> float32 cast in the Python fill.
            var floats = new float[n];
            for (long i = 0; i < n; i++)
                floats[i] = i < period ? (float)rule((M(k, i) - 1000) / 1000.0) : floats[i - period];
            return tensor(floats, shape);
        }
        var doubles = new double[n];
        for (long i = 0; i < n; i++)
            doubles[i] = i < period ? rule((M(k, i) - 1000) / 1000.0) : doubles[i - period];
        return tensor(doubles, shape).to(dtype);
    }

    static long M(int k, long i) => ((i % Modulus) * (Multiplier % Modulus) + EntryStride * k) % Modulus;

    static Func<double, double> Rule(string name, long[] shape)
    {
        if (name.EndsWith("running_var", StringComparison.Ordinal))
            return raw => 0.5 + Math.Abs(raw);
        if (name.EndsWith("running_mean", StringComparison.Ordinal) || name.EndsWith("bias", StringComparison.Ordinal))
            return raw => 0.1 * raw;
        if (name.EndsWith("weight", StringComparison.Ordinal) && shape.Length >= 2)
        {
            var scale = Math.Sqrt(3.0 / shape.Skip(1).Aggregate(1L, (a, b) => a * b));
            return raw => raw * scale;
        }
        if (name.EndsWith("weight", StringComparison.Ordinal))
            return raw => 1.0 + 0.25 * raw;
        if (shape.Length == 0)
            return raw => raw;
        var lastDim = Math.Sqrt(shape[^1]);
        return raw => raw / lastDim;
    }
}
