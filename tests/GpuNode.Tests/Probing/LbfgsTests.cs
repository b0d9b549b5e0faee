using Daft.GpuNode.Probing;

namespace Daft.GpuNode.Tests.Probing;

public class LbfgsTests
{
    static double Rosenbrock(double[] x, double[] g)
    {
        var (a, b) = (x[0], x[1]);
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);
    }

    [Fact]
    public void Follows_scipys_path_on_rosenbrock()
    {
        // scipy 1.10: minimize(rosen, [-1.2, 1], jac=rosen_der, method="L-BFGS-B", options={"maxiter": 5})
        // -> nit 5, nfev 7, fun 4.087545016268825, x [-1.021385160033696, 1.0392943881350645].
        var x = new[] { -1.2, 1.0 };

        var outcome = Lbfgs.Minimize(Rosenbrock, x, new LbfgsOptions(MaxIterations: 5));

        Assert.Equal((5, 7, LbfgsStop.IterationLimit), (outcome.Iterations, outcome.Evaluations, outcome.Stop));
        Assert.Equal(4.087545016268825, outcome.Value, 1e-12);
        Assert.Equal(-1.021385160033696, x[0], 1e-12);
        Assert.Equal(1.0392943881350645, x[1], 1e-12);
    }

    [Fact]
    public void Stops_like_scipy_at_the_rosenbrock_minimum()
    {
        // scipy 1.10, same call without maxiter: nit 36, nfev 44, REL_REDUCTION_OF_F,
        // x [0.9999989453492615, 0.9999980209056964] (the compact and two-loop forms differ only by rounding).
        var x = new[] { -1.2, 1.0 };

        var outcome = Lbfgs.Minimize(Rosenbrock, x, new LbfgsOptions());

        Assert.Equal((36, 44, LbfgsStop.RelativeReduction), (outcome.Iterations, outcome.Evaluations, outcome.Stop));
        Assert.Equal(0.9999989453492615, x[0], 1e-10);
        Assert.Equal(0.9999980209056964, x[1], 1e-10);
    }

    [Fact]
    public void A_start_that_already_meets_the_gradient_tolerance_takes_no_step()
    {
        var x = new[] { 1.0, 1.0 };
        var calls = 0;

        var outcome = Lbfgs.Minimize((p, g) => { calls++; return Rosenbrock(p, g); }, x, new LbfgsOptions());

        Assert.Equal((0, 1, LbfgsStop.GradientTolerance), (outcome.Iterations, calls, outcome.Stop));
    }

    [Fact]
    public void The_first_step_is_steepest_descent_of_unit_length()
    {
        // On f = ½‖x‖² the unit step along −g lands exactly on x₀ − x₀/‖x₀‖; that point is accepted at once.
        var trials = new List<double[]>();
        var x = new[] { 3.0, 4.0 };

        Lbfgs.Minimize((p, g) =>
        {
            trials.Add((double[])p.Clone());
            p.CopyTo(g, 0);
            return 0.5 * (p[0] * p[0] + p[1] * p[1]);
        }, x, new LbfgsOptions(MaxIterations: 1));

        Assert.Equal([2.4, 3.2], trials[1], (a, b) => Math.Abs(a - b) < 1e-12);
    }
}
