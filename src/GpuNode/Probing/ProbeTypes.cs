using static TorchSharp.torch;

namespace Daft.GpuNode.Probing;

/// <summary>
/// Settings of <see cref="LinearProbe.Fit"/>; the defaults are DAFT's (<c>configs_*/*-lp.yaml</c>):
/// C = logspace(<paramref name="CStart"/>, <paramref name="CEnd"/>, <paramref name="CNum"/>), max_iter 200.
/// </summary>
/// <param name="CStart">log10 of the smallest C (reg_start).</param>
/// <param name="CEnd">log10 of the largest C (reg_end).</param>
/// <param name="CNum">Number of C values (reg_sweep_num).</param>
/// <param name="MaxIter">L-BFGS iterations per C (max_iter).</param>
/// <param name="Tol">Gradient tolerance per fit (sklearn's default tol).</param>
/// <param name="NumClasses">Rows of the returned head; classes absent from train get zero rows. Default: max train label + 1.</param>
public sealed record ProbeOptions(
    double CStart = -7,
    double CEnd = 2,
    int CNum = 50,
    int MaxIter = 200,
    double Tol = 1e-4,
    int? NumClasses = null)
{
    /// <summary>The C grid, as <c>np.logspace(CStart, CEnd, CNum)</c> computes it (increasing when CEnd > CStart).</summary>
    public double[] Cs()
    {
        if (CNum < 1)
            throw new ArgumentOutOfRangeException(nameof(CNum), CNum, "The C sweep needs at least one value.");
        if (CNum == 1)
            return [Math.Pow(10, CStart)];
        // np.linspace: start + i·step, with the last point set to the end exactly.
        var step = (CEnd - CStart) / (CNum - 1);
        return Enumerable.Range(0, CNum).Select(i => Math.Pow(10, i == CNum - 1 ? CEnd : i * step + CStart)).ToArray();
    }
}

/// <summary>
/// One point of the C sweep: accuracies are fractions on the train and validation features; <paramref name="Iterations"/>
/// and <paramref name="Objective"/> are the L-BFGS iterations and the final Σ CE + ‖W‖²/(2C) of that fit.
/// </summary>
public sealed record ProbePoint(double C, double TrainAccuracy, double ValAccuracy, int Iterations, double Objective);

/// <summary>
/// Outcome of <see cref="LinearProbe.Fit"/>. <see cref="Weight"/> [K, D] and <see cref="Bias"/> [K] (float32) act
/// on RAW features: the scalar normalisation is folded in, and classes absent from train have zero rows.
/// </summary>
public sealed record ProbeResult(
    Tensor Weight,
    Tensor Bias,
    double BestC,
    double BestValAccuracy,
    IReadOnlyList<ProbePoint> Path,
    double FeatureMean,
    double FeatureStd) : IDisposable
{
    public void Dispose()
    {
        Weight.Dispose();
        Bias.Dispose();
    }
}

/// <summary>A linear head read back by <see cref="LinearProbe.LoadHead"/>: weight [K, D], bias [K], and how it was chosen.</summary>
public sealed record ProbeHead(Tensor Weight, Tensor Bias, double BestC, double BestValAccuracy) : IDisposable
{
    public void Dispose()
    {
        Weight.Dispose();
        Bias.Dispose();
    }
}
