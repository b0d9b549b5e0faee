using static TorchSharp.torch;

namespace Daft.GpuNode.Probing;

/// <summary>
/// An equivalent of scikit-learn 1.2.1's <c>LogisticRegression</c> with its defaults: solver lbfgs, L2 penalty,
/// multi_class "auto" (multinomial for three or more classes, one binomial row for two), fit_intercept with an
/// unpenalised intercept, tol 1e-4, max_iter 100. It minimises Σᵢ CE(W xᵢ + b, yᵢ) + ‖W‖²_F/(2C) in float64 with
/// <see cref="Lbfgs"/> configured as sklearn configures scipy (gtol = tol, maxiter = max_iter, other options at
/// scipy's defaults), so the iterates, and therefore results stopped early by max_iter, follow sklearn's.
/// </summary>
/// <remarks>With <see cref="WarmStart"/>, each <see cref="Fit"/> starts from the previous coefficients and intercepts,
/// as sklearn's warm_start does.</remarks>
public sealed class LogisticRegression(double c = 1.0, int maxIter = 100, double tol = 1e-4, bool warmStart = false)
{
    double[]? _solution; // [rows, D + 1] row-major: weights then intercept
    long _features;

    /// <summary>Inverse regularisation strength.</summary>
    public double C { get; set; } = c;

    /// <summary>L-BFGS iteration cap per fit (sklearn <c>max_iter</c>).</summary>
    public int MaxIter { get; } = maxIter;

    /// <summary>Gradient max-norm tolerance (sklearn <c>tol</c>, passed to scipy as <c>gtol</c>).</summary>
    public double Tol { get; } = tol;

    /// <summary>Start each fit from the previous solution (sklearn <c>warm_start</c>).</summary>
    public bool WarmStart { get; } = warmStart;

    /// <summary>The sorted distinct labels seen by the last fit (sklearn <c>classes_</c>).</summary>
    public long[] Classes { get; private set; } = [];

    /// <summary>L-BFGS iterations of the last fit (sklearn <c>n_iter_</c>).</summary>
    public int Iterations { get; private set; }

    /// <summary>Why the last fit's optimiser stopped.</summary>
    public LbfgsStop Stop { get; private set; }

    /// <summary>The objective value at the last fit's solution.</summary>
    public double Objective { get; private set; }

    bool Fitted => _solution is not null;

    /// <summary>Fits on features <paramref name="x"/> [N, D] and integer labels <paramref name="y"/> [N].</summary>
    public LogisticRegression Fit(Tensor x, Tensor y)
    {
        if (x.dim() != 2)
            throw new ArgumentException($"Features must be 2-D [samples, features]; got shape [{string.Join(", ", x.shape)}].", nameof(x));
        if (y.dim() != 1 || y.shape[0] != x.shape[0])
            throw new ArgumentException($"Labels must be 1-D with one label per row of the features ({x.shape[0]}); got shape [{string.Join(", ", y.shape)}].", nameof(y));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var features = x.to(ScalarType.Float64).contiguous();
        var (classes, classIndex, _) = unique(y.to(ScalarType.Int64, features.device), sorted: true, return_inverse: true);
        var labels = classes.cpu().data<long>().ToArray();
        if (labels.Length < 2)
            throw new ArgumentException($"Logistic regression needs samples of at least 2 classes; the labels contain only class {string.Join(", ", labels)}.", nameof(y));

        using var loss = new LogisticLoss(features, classIndex!, labels.Length) { L2 = 1 / C };
        var start = new double[loss.Length];
        if (WarmStart && _solution is not null)
        {
            if (_solution.Length != start.Length)
                throw new InvalidOperationException(
                    $"Warm start needs the same classes and features as the previous fit: it had {Classes.Length} classes × {_features} features, this one has {labels.Length} × {x.shape[1]}.");
            Array.Copy(_solution, start, start.Length);
        }
        var outcome = Lbfgs.Minimize(loss.Evaluate, start, new LbfgsOptions(MaxIterations: MaxIter, GradientTolerance: Tol));

        _solution = start;
        _features = x.shape[1];
        Classes = labels;
        Iterations = outcome.Iterations;
        Stop = outcome.Stop;
        Objective = outcome.Value;
        return this;
    }

    /// <summary>Coefficients [rows, D] in float64 (sklearn <c>coef_</c>: one row per class, or one row for two classes).</summary>
    public Tensor Coef()
    {
        var all = Solution();
        var coef = all.narrow(1, 0, _features).contiguous();
        all.Dispose();
        return coef;
    }

    /// <summary>Intercepts [rows] in float64 (sklearn <c>intercept_</c>).</summary>
    public Tensor Intercept()
    {
        var all = Solution();
        var intercept = all.select(1, _features).contiguous();
        all.Dispose();
        return intercept;
    }

    /// <summary>Scores W x + b: [N, classes], or [N] for a binomial model (positive means <c>Classes[1]</c>).</summary>
    public Tensor DecisionFunction(Tensor x)
    {
        if (!Fitted)
            throw new InvalidOperationException("This LogisticRegression is not fitted yet; call Fit first.");
        if (x.dim() != 2 || x.shape[1] != _features)
            throw new ArgumentException($"Features must be [N, {_features}]; got [{string.Join(", ", x.shape)}].", nameof(x));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var all = Solution().to(x.device);
        var scores = addmm(all.select(1, _features), x.to(ScalarType.Float64), all.narrow(1, 0, _features).t(), 1, 1);
        return (Classes.Length == 2 ? scores.squeeze(1) : scores).MoveToOuterDisposeScope();
    }

    /// <summary>Predicted labels [N] (int64): the arg-max class (first on ties), or <c>Classes[1]</c> where the binomial score is positive.</summary>
    public Tensor Predict(Tensor x)
    {
        using var scope = NewDisposeScope();
        var scores = DecisionFunction(x);
        var index = Classes.Length == 2 ? scores.gt(0).to(ScalarType.Int64) : scores.argmax(1);
        return tensor(Classes, device: index.device).index_select(0, index).MoveToOuterDisposeScope();
    }

    /// <summary>Fraction of samples whose predicted label equals <paramref name="y"/> (sklearn <c>score</c>).</summary>
    public double Score(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var predicted = Predict(x);
        return predicted.eq(y.to(ScalarType.Int64, predicted.device)).to(ScalarType.Float64).mean().item<double>();
    }

    Tensor Solution() => tensor(_solution!, [Classes.Length == 2 ? 1 : Classes.Length, _features + 1], ScalarType.Float64);
}
