using Daft.GpuNode.Probing;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Probing;

public class LogisticRegressionTests
{
    static (Tensor X, Tensor Y) Blobs(int classes, int perClass = 30, int dim = 5, long seed = 3)
    {
        var generator = new TorchSharp.torch.Generator((ulong)seed);
        var centers = randn([classes, dim], generator: generator, dtype: ScalarType.Float64).mul_(2);
        var y = arange(classes, dtype: ScalarType.Int64).repeat_interleave(perClass);
        var x = centers.index_select(0, y).add_(randn([classes * perClass, dim], generator: generator, dtype: ScalarType.Float64));
        return (x, y.mul(3).add_(1)); // labels 1, 4, 7, …: classes need not be 0..K-1
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void The_loss_gradient_matches_finite_differences(int classes)
    {
        using var scope = NewDisposeScope();
        var (x, y) = Blobs(classes, perClass: 8, dim: 3);
        var index = y.sub(1).div(3, rounding_mode: RoundingMode.floor);
        using var loss = new LogisticLoss(x, index, classes) { L2 = 0.7 };
        var random = new Random(5);
        var point = Enumerable.Range(0, loss.Length).Select(_ => random.NextDouble() - 0.5).ToArray();
        var gradient = new double[loss.Length];
        loss.Evaluate(point, gradient);

        for (var i = 0; i < point.Length; i++)
        {
            var (up, down) = ((double[])point.Clone(), (double[])point.Clone());
            up[i] += 1e-6;
            down[i] -= 1e-6;
            var numeric = (loss.Evaluate(up, new double[loss.Length]) - loss.Evaluate(down, new double[loss.Length])) / 2e-6;
            Assert.Equal(numeric, gradient[i], 1e-5 * Math.Max(1, Math.Abs(numeric)));
        }
    }

    [Fact]
    public void Multinomial_fit_predicts_the_original_labels()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Blobs(4);
        var model = new LogisticRegression(c: 10).Fit(x, y);

        Assert.Equal(new long[] { 1, 4, 7, 10 }, model.Classes);
        Assert.Equal([4L, 5L], model.Coef().shape);
        Assert.Equal([4L], model.Intercept().shape);
        Assert.Equal([120L, 4L], model.DecisionFunction(x).shape);
        Assert.True(model.Score(x, y) > 0.9);
        Assert.Equal(new long[] { 1, 4, 7, 10 }, model.Predict(x).unique().Item1.data<long>().ToArray());
    }

    [Fact]
    public void Two_classes_give_one_binomial_row_like_sklearn()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Blobs(2);
        var model = new LogisticRegression().Fit(x, y);

        Assert.Equal([1L, 5L], model.Coef().shape);
        Assert.Equal([60L], model.DecisionFunction(x).shape);
        var positive = model.DecisionFunction(x).gt(0);
        Assert.True(model.Predict(x).eq(where(positive, tensor(4L), tensor(1L))).all().item<bool>());
    }

    [Fact]
    public void A_warm_start_resumes_from_the_previous_solution()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Blobs(3);
        var cold = new LogisticRegression(c: 1, maxIter: 200);
        var warm = new LogisticRegression(c: 1, maxIter: 200, warmStart: true);
        cold.Fit(x, y);
        warm.Fit(x, y);
        var first = warm.Iterations;

        cold.Fit(x, y);
        warm.Fit(x, y);

        Assert.Equal(first, cold.Iterations); // a cold refit repeats the whole path
        Assert.True(warm.Iterations <= 1, $"the warm refit took {warm.Iterations} iterations");
        Assert.Equal(cold.Objective, warm.Objective, 1e-6 * cold.Objective);
    }

    [Fact]
    public void Bad_inputs_are_explained()
    {
        using var scope = NewDisposeScope();
        var (x, y) = Blobs(3);
        var model = new LogisticRegression(warmStart: true);

        Assert.Throws<InvalidOperationException>(() => model.Predict(x));
        Assert.Contains("at least 2 classes", Assert.Throws<ArgumentException>(() => model.Fit(x, full(90, 2L))).Message);
        Assert.Contains("one label per row", Assert.Throws<ArgumentException>(() => model.Fit(x, y[..10])).Message);
        model.Fit(x, y);
        Assert.Contains("same classes", Assert.Throws<InvalidOperationException>(() => model.Fit(x[..60], y[..60])).Message);
    }
}
