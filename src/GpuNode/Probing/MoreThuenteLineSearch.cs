namespace Daft.GpuNode.Probing;

/// <summary>
/// The Moré–Thuente line search exactly as MINPACK-2's <c>dcsrch</c>/<c>dcstep</c> do it (the routine inside
/// scipy's L-BFGS-B): find a step satisfying the sufficient-decrease condition
/// f(stp) ≤ f(0) + ftol·stp·f'(0) and the curvature condition |f'(stp)| ≤ gtol·|f'(0)|, safeguarding cubic and
/// quadratic interpolation inside a bracketing interval.
/// </summary>
/// <remarks>
/// Used as a reverse-communication state machine: <see cref="Start"/> with f(0) and f'(0), then evaluate at the
/// returned step and call <see cref="Next"/> until it stops asking for evaluations. Branch structure, constants
/// (xtrapl 1.1, xtrapu 4, bisection when the interval shrinks by less than 0.66) and the order of the warning
/// tests follow the Fortran so that trial steps, and hence the optimiser path, match scipy's.
/// </remarks>
internal sealed class MoreThuenteLineSearch(double ftol, double gtol, double xtol, double stepMin, double stepMax)
{
    /// <summary>What the caller does next.</summary>
    public enum Outcome
    {
        /// <summary>Evaluate f and f' at the returned step, then call <see cref="Next"/>.</summary>
        Evaluate,
        /// <summary>Both conditions hold at the current step.</summary>
        Converged,
        /// <summary>No better step can be found (rounding, xtol, or a step bound); the current step is the best seen.</summary>
        Warning,
        /// <summary>The inputs were invalid (e.g. f'(0) ≥ 0); nothing was searched.</summary>
        Error,
    }

    const double XtrapLower = 1.1, XtrapUpper = 4.0;

    bool _bracketed;
    int _stage;
    double _finit, _ginit, _gtest, _fx, _gx, _fy, _gy, _stx, _sty, _stmin, _stmax, _width, _width1;

    /// <summary>The reason for the last Warning or Error, as dcsrch words it.</summary>
    public string Message { get; private set; } = "";

    /// <summary>Starts a search from f(0)=<paramref name="f"/>, f'(0)=<paramref name="g"/> with first trial <paramref name="step"/>.</summary>
    public Outcome Start(double step, double f, double g)
    {
        Message = step < stepMin ? "STP .LT. STPMIN"
            : step > stepMax ? "STP .GT. STPMAX"
            : g >= 0 ? "INITIAL G .GE. ZERO"
            : stepMax < stepMin ? "STPMAX .LT. STPMIN"
            : "";
        if (Message.Length > 0)
            return Outcome.Error;
        _bracketed = false;
        _stage = 1;
        _finit = f;
        _ginit = g;
        _gtest = ftol * g;
        _width = stepMax - stepMin;
        _width1 = _width / 0.5;
        _stx = 0;
        _fx = f;
        _gx = g;
        _sty = 0;
        _fy = f;
        _gy = g;
        _stmin = 0;
        _stmax = step + XtrapUpper * step;
        return Outcome.Evaluate;
    }

    /// <summary>Takes f and f' at <paramref name="step"/>; returns whether to stop, and otherwise the next trial step.</summary>
    public Outcome Next(ref double step, double f, double g)
    {
        var ftest = _finit + step * _gtest;
        if (_stage == 1 && f <= ftest && g >= 0)
            _stage = 2;

        var outcome = Outcome.Evaluate;
        if (_bracketed && (step <= _stmin || step >= _stmax))
            (outcome, Message) = (Outcome.Warning, "ROUNDING ERRORS PREVENT PROGRESS");
        if (_bracketed && _stmax - _stmin <= xtol * _stmax)
            (outcome, Message) = (Outcome.Warning, "XTOL TEST SATISFIED");
        if (step == stepMax && f <= ftest && g <= _gtest)
            (outcome, Message) = (Outcome.Warning, "STP = STPMAX");
        if (step == stepMin && (f > ftest || g >= _gtest))
            (outcome, Message) = (Outcome.Warning, "STP = STPMIN");
        if (f <= ftest && Math.Abs(g) <= gtol * -_ginit)
            (outcome, Message) = (Outcome.Converged, "CONVERGENCE");
        if (outcome != Outcome.Evaluate)
            return outcome;

        if (_stage == 1 && f <= _fx && f > ftest)
        {
            // Stage 1 with a lower but not sufficiently lower value: step on the modified function
            // psi(stp) = f(stp) - f(0) - ftol*stp*f'(0), whose minimiser is a sufficient-decrease step.
            var fm = f - step * _gtest;
            var fxm = _fx - _stx * _gtest;
            var fym = _fy - _sty * _gtest;
            var gm = g - _gtest;
            var gxm = _gx - _gtest;
            var gym = _gy - _gtest;
            Step(ref _stx, ref fxm, ref gxm, ref _sty, ref fym, ref gym, ref step, fm, gm, ref _bracketed, _stmin, _stmax);
            _fx = fxm + _stx * _gtest;
            _fy = fym + _sty * _gtest;
            _gx = gxm + _gtest;
            _gy = gym + _gtest;
        }
        else
        {
            Step(ref _stx, ref _fx, ref _gx, ref _sty, ref _fy, ref _gy, ref step, f, g, ref _bracketed, _stmin, _stmax);
        }

        if (_bracketed)
        {
            if (Math.Abs(_sty - _stx) >= 0.66 * _width1)
                step = _stx + 0.5 * (_sty - _stx);
            _width1 = _width;
            _width = Math.Abs(_sty - _stx);
            _stmin = Math.Min(_stx, _sty);
            _stmax = Math.Max(_stx, _sty);
        }
        else
        {
            _stmin = step + XtrapLower * (step - _stx);
            _stmax = step + XtrapUpper * (step - _stx);
        }
        step = Math.Min(Math.Max(step, stepMin), stepMax);
        if (_bracketed && (step <= _stmin || step >= _stmax || _stmax - _stmin <= xtol * _stmax))
            step = _stx;
        return Outcome.Evaluate;
    }

    /// <summary>MINPACK-2 dcstep: one safeguarded interpolation step; updates the interval [stx, sty].</summary>
    static void Step(ref double stx, ref double fx, ref double dx, ref double sty, ref double fy, ref double dy,
        ref double stp, double fp, double dp, ref bool bracketed, double stpmin, double stpmax)
    {
        var sgnd = dp * (dx / Math.Abs(dx));
        double stpf;
        if (fp > fx)
        {
            // Higher value: the minimum is bracketed. Cubic if closer to stx, else cubic/quadratic average.
            var theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            var s = Max3(Math.Abs(theta), Math.Abs(dx), Math.Abs(dp));
            var gamma = s * Math.Sqrt(Sq(theta / s) - dx / s * (dp / s));
            if (stp < stx)
                gamma = -gamma;
            var p = gamma - dx + theta;
            var q = gamma - dx + gamma + dp;
            var stpc = stx + p / q * (stp - stx);
            var stpq = stx + dx / ((fx - fp) / (stp - stx) + dx) / 2 * (stp - stx);
            stpf = Math.Abs(stpc - stx) < Math.Abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
            bracketed = true;
        }
        else if (sgnd < 0)
        {
            // Lower value, derivatives of opposite sign: bracketed. Cubic if farther from stp, else secant.
            var theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            var s = Max3(Math.Abs(theta), Math.Abs(dx), Math.Abs(dp));
            var gamma = s * Math.Sqrt(Sq(theta / s) - dx / s * (dp / s));
            if (stp > stx)
                gamma = -gamma;
            var p = gamma - dp + theta;
            var q = gamma - dp + gamma + dx;
            var stpc = stp + p / q * (stx - stp);
            var stpq = stp + dp / (dp - dx) * (stx - stp);
            stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
            bracketed = true;
        }
        else if (Math.Abs(dp) < Math.Abs(dx))
        {
            // Lower value, same-sign derivatives, |f'| decreasing. The cubic step is used only if the cubic
            // tends to infinity in the step direction or its minimum lies beyond stp; else the secant step.
            var theta = 3 * (fx - fp) / (stp - stx) + dx + dp;
            var s = Max3(Math.Abs(theta), Math.Abs(dx), Math.Abs(dp));
            var gamma = s * Math.Sqrt(Math.Max(0, Sq(theta / s) - dx / s * (dp / s)));
            if (stp > stx)
                gamma = -gamma;
            var p = gamma - dp + theta;
            var q = gamma + (dx - dp) + gamma;
            var r = p / q;
            var stpc = r < 0 && gamma != 0 ? stp + r * (stx - stp) : stp > stx ? stpmax : stpmin;
            var stpq = stp + dp / (dp - dx) * (stx - stp);
            if (bracketed)
            {
                stpf = Math.Abs(stpc - stp) < Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = stp > stx ? Math.Min(stp + 0.66 * (sty - stp), stpf) : Math.Max(stp + 0.66 * (sty - stp), stpf);
            }
            else
            {
                stpf = Math.Abs(stpc - stp) > Math.Abs(stpq - stp) ? stpc : stpq;
                stpf = Math.Max(stpmin, Math.Min(stpmax, stpf));
            }
        }
        else if (bracketed)
        {
            // Lower value, same-sign derivatives, |f'| not decreasing, bracketed: cubic step towards sty.
            var theta = 3 * (fp - fy) / (sty - stp) + dy + dp;
            var s = Max3(Math.Abs(theta), Math.Abs(dy), Math.Abs(dp));
            var gamma = s * Math.Sqrt(Sq(theta / s) - dy / s * (dp / s));
            if (stp > sty)
                gamma = -gamma;
            var p = gamma - dp + theta;
            var q = gamma - dp + gamma + dy;
            stpf = stp + p / q * (sty - stp);
        }
        else
        {
            stpf = stp > stx ? stpmax : stpmin;
        }

        if (fp > fx)
        {
            (sty, fy, dy) = (stp, fp, dp);
        }
        else
        {
            if (sgnd < 0)
                (sty, fy, dy) = (stx, fx, dx);
            (stx, fx, dx) = (stp, fp, dp);
        }
        stp = stpf;
    }

    static double Sq(double v) => v * v;

    static double Max3(double a, double b, double c) => Math.Max(a, Math.Max(b, c));
}
