namespace Daft.Shared.Specs;

/// <summary>
/// Linear probing ("lp"): logistic regression on frozen penultimate features, warm-started over
/// C = logspace(<see cref="CStart"/>, <see cref="CEnd"/>, <see cref="CNum"/>), C chosen by ID-val accuracy.
/// Also LP-FT's inline probe (<see cref="LpFtSpec.Probe"/>).
/// </summary>
/// <param name="CStart">First exponent of the C grid (base 10).</param>
/// <param name="CEnd">Last exponent of the C grid.</param>
/// <param name="CNum">Number of C values.</param>
/// <param name="MaxIter">L-BFGS iterations per C (sklearn's max_iter).</param>
public sealed record LinearProbeSpec(double CStart, double CEnd, int CNum, int MaxIter) : MethodSpec
{
    /// <summary>The <c>method.name</c> of this method.</summary>
    public const string MethodName = "lp";

    /// <summary>The probe a job file gets when it sets none of the probe keys: C = logspace(-7, 2, 50), 200 iterations.</summary>
    public static LinearProbeSpec Default { get; } =
        new(JobDefaults.CStart, JobDefaults.CEnd, JobDefaults.CNum, JobDefaults.MaxIter);

    /// <inheritdoc />
    public override string Name => MethodName;
}
