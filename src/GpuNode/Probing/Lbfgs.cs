namespace Daft.GpuNode.Probing;

/// <summary>Computes f(x) and writes ∇f(x) into <c>gradient</c>.</summary>
public delegate double Objective(double[] x, double[] gradient);

/// <summary>
/// Settings of <see cref="Lbfgs"/>. The defaults are scipy 1.10's <c>minimize(method="L-BFGS-B")</c> defaults.
/// </summary>
/// <param name="MaxIterations">Iteration cap (scipy <c>maxiter</c>): each accepted line search is one iteration.</param>
/// <param name="GradientTolerance">Stop when max |∂f/∂xᵢ| ≤ this (scipy <c>gtol</c>, Fortran <c>pgtol</c>).</param>
/// <param name="RelativeTolerance">Stop when (f_old − f)/max(|f_old|, |f|, 1) ≤ this (scipy <c>ftol</c> = factr·eps: 1e7·2.22e-16).</param>
/// <param name="Corrections">Number of (s, y) pairs kept (scipy <c>maxcor</c>).</param>
/// <param name="MaxLineSearchSteps">Evaluations allowed per line search (scipy <c>maxls</c>).</param>
public sealed record LbfgsOptions(
    int MaxIterations = 15000,
    double GradientTolerance = 1e-5,
    double RelativeTolerance = 2.2204460492503131e-09,
    int Corrections = 10,
    int MaxLineSearchSteps = 20);

/// <summary>Why <see cref="Lbfgs.Minimize"/> stopped.</summary>
public enum LbfgsStop
{
    /// <summary>The gradient's max-norm fell to the tolerance (scipy: NORM_OF_PROJECTED_GRADIENT_&lt;=_PGTOL).</summary>
    GradientTolerance,
    /// <summary>The relative reduction of f fell to the tolerance (scipy: REL_REDUCTION_OF_F_&lt;=_FACTR*EPSMCH).</summary>
    RelativeReduction,
    /// <summary>The iteration cap was reached (scipy: TOTAL NO. of ITERATIONS REACHED LIMIT).</summary>
    IterationLimit,
    /// <summary>A steepest-descent line search failed (scipy: ABNORMAL_TERMINATION_IN_LNSRCH).</summary>
    LineSearchFailed,
}

/// <summary>Result of <see cref="Lbfgs.Minimize"/>: the final value, iterations (scipy <c>nit</c>), evaluations, stop reason.</summary>
public readonly record struct LbfgsOutcome(double Value, int Iterations, int Evaluations, LbfgsStop Stop);

/// <summary>
/// Limited-memory BFGS for unconstrained problems, following scipy's L-BFGS-B (v3.0 Fortran, as scipy 1.10 ships
/// it) step for step so that the iterates track scipy's: first step −g scaled to unit length, later steps the
/// L-BFGS direction with H₀ = (sᵀy/yᵀy)·I and tried at step 1, the <see cref="MoreThuenteLineSearch"/> with
/// ftol 1e-3, gtol 0.9, xtol 0.1, step bound 1e10, pairs skipped when sᵀy ≤ eps·(−gᵀs), memory dropped and the
/// iteration retried along −g when a line search fails, and the same stopping tests in the same order.
/// </summary>
/// <remarks>
/// Without bounds L-BFGS-B's generalised Cauchy point and subspace minimisation reduce to z = x − B⁻¹g with the
/// compact limited-memory B; the two-loop recursion used here computes the same H = B⁻¹, so the two differ only
/// by rounding.
/// </remarks>
public static class Lbfgs
{
    const double StepBound = 1e10; // Fortran lnsrlb's "big"
    const double LineFtol = 1e-3, LineGtol = 0.9, LineXtol = 0.1;

    /// <summary>Minimises <paramref name="objective"/> starting from <paramref name="x"/>, which is overwritten with the result.</summary>
    public static LbfgsOutcome Minimize(Objective objective, double[] x, LbfgsOptions options)
    {
        var n = x.Length;
        var m = options.Corrections;
        var g = new double[n];
        var f = objective(x, g);
        var evaluations = 1;
        if (MaxAbs(g) <= options.GradientTolerance)
            return new(f, 0, evaluations, LbfgsStop.GradientTolerance);

        var memory = new Memory(n, m);
        var d = new double[n];
        var xOld = new double[n];
        var gOld = new double[n];
        var iterations = 0;
        while (true)
        {
            memory.Direction(g, d);
            var dnorm = Math.Sqrt(Dot(d, d));
            // The first step is scaled to unit length; later (quasi-Newton) steps start at 1.
            var step = iterations == 0 ? Math.Min(1 / dnorm, StepBound) : 1.0;
            Array.Copy(x, xOld, n);
            Array.Copy(g, gOld, n);
            var fOld = f;
            var gd = Dot(g, d);
            var gdOld = gd;

            var accepted = false;
            if (gd < 0)
            {
                var search = new MoreThuenteLineSearch(LineFtol, LineGtol, LineXtol, 0, StepBound);
                var state = search.Start(step, f, gd);
                for (var trial = 0; state == MoreThuenteLineSearch.Outcome.Evaluate; trial++)
                {
                    if (trial >= options.MaxLineSearchSteps)
                        break;
                    for (var i = 0; i < n; i++)
                        x[i] = step * d[i] + xOld[i];
                    f = objective(x, g);
                    evaluations++;
                    gd = Dot(g, d);
                    state = search.Next(ref step, f, gd);
                }
                accepted = state is MoreThuenteLineSearch.Outcome.Converged or MoreThuenteLineSearch.Outcome.Warning;
            }
            if (!accepted)
            {
                Array.Copy(xOld, x, n);
                Array.Copy(gOld, g, n);
                f = fOld;
                if (memory.Count == 0)
                    return new(f, iterations + 1, evaluations, LbfgsStop.LineSearchFailed);
                memory.Clear(); // retry from the same point along steepest descent
                continue;
            }

            iterations++;
            if (iterations >= options.MaxIterations)
                return new(f, iterations, evaluations, LbfgsStop.IterationLimit);
            if (MaxAbs(g) <= options.GradientTolerance)
                return new(f, iterations, evaluations, LbfgsStop.GradientTolerance);
            if (fOld - f <= options.RelativeTolerance * Math.Max(Math.Max(Math.Abs(fOld), Math.Abs(f)), 1))
                return new(f, iterations, evaluations, LbfgsStop.RelativeReduction);

            // s = step·d and sᵀy from the directional derivatives, as the Fortran computes them.
            var sy = (gd - gdOld) * step;
            if (sy > MachineEpsilon * (-gdOld * step))
                memory.Push(d, step, g, gOld, sy);
        }
    }

    /// <summary>Fortran L-BFGS-B's epsmch: the spacing of doubles at 1.</summary>
    const double MachineEpsilon = 2.220446049250313e-16;

    static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    static double MaxAbs(double[] a)
    {
        var max = 0.0;
        foreach (var v in a)
            max = Math.Max(max, Math.Abs(v));
        return max;
    }

    /// <summary>The last m correction pairs and the two-loop product with the inverse Hessian approximation.</summary>
    sealed class Memory(int n, int m)
    {
        readonly double[][] _s = Enumerable.Range(0, m).Select(_ => new double[n]).ToArray();
        readonly double[][] _y = Enumerable.Range(0, m).Select(_ => new double[n]).ToArray();
        readonly double[] _rho = new double[m];
        readonly double[] _alpha = new double[m];
        int _newest = -1;
        double _theta = 1; // B₀ = θI; θ = yᵀy/sᵀy of the newest pair, 1 when memory is empty

        public int Count { get; private set; }

        public void Clear() => (Count, _newest, _theta) = (0, -1, 1);

        public void Push(double[] d, double step, double[] g, double[] gOld, double sy)
        {
            _newest = (_newest + 1) % m;
            var s = _s[_newest];
            var y = _y[_newest];
            var yy = 0.0;
            for (var i = 0; i < s.Length; i++)
            {
                s[i] = step == 1 ? d[i] : step * d[i];
                y[i] = g[i] - gOld[i];
                yy += y[i] * y[i];
            }
            _rho[_newest] = 1 / sy;
            _theta = yy / sy;
            Count = Math.Min(Count + 1, m);
        }

        /// <summary>d = −H·g; with no pairs, −g/θ = −g.</summary>
        public void Direction(double[] g, double[] d)
        {
            Array.Copy(g, d, g.Length);
            for (var k = 0; k < Count; k++)
            {
                var j = (_newest - k + m) % m;
                _alpha[j] = _rho[j] * Dot(_s[j], d);
                Axpy(-_alpha[j], _y[j], d);
            }
            for (var i = 0; i < d.Length; i++)
                d[i] /= _theta;
            for (var k = Count - 1; k >= 0; k--)
            {
                var j = (_newest - k + m) % m;
                var beta = _rho[j] * Dot(_y[j], d);
                Axpy(_alpha[j] - beta, _s[j], d);
            }
            for (var i = 0; i < d.Length; i++)
                d[i] = -d[i];
        }

        static void Axpy(double a, double[] x, double[] y)
        {
            for (var i = 0; i < y.Length; i++)
                y[i] += a * x[i];
        }
    }
}
