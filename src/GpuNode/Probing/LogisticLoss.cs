using static TorchSharp.torch;

namespace Daft.GpuNode.Probing;

/// <summary>
/// sklearn 1.2's lbfgs objective for logistic regression with an intercept:
/// f(W, b) = Σᵢ CE(W xᵢ + b, yᵢ) + ‖W‖²_F / (2C), intercept unpenalised, and its gradient, in float64 with
/// TorchSharp matmuls on the features' device. Multinomial (softmax) for three or more classes; for two classes sklearn fits one binomial
/// (sigmoid) row for the second class, and so does this.
/// </summary>
/// <remarks>
/// Parameters are one flat vector laid out row-major as [rows, D + 1]: each row is a class's weights followed by
/// its intercept (sklearn orders its vector column-major; the order changes nothing but rounding).
/// </remarks>
internal sealed class LogisticLoss : IDisposable
{
    readonly Tensor _x;            // [N, D] float64
    readonly Tensor _target;       // multinomial: [N, 1] class index; binomial: [N] 0/1 as float64
    readonly Tensor? _minusOne;    // [N, 1] of -1, scattered onto the true class of the softmax gradient
    readonly long _features;

    /// <param name="x">Features [N, D], float64.</param>
    /// <param name="classIndex">Class index per sample in 0..<paramref name="classes"/>−1, int64.</param>
    /// <param name="classes">Number of classes (≥ 2).</param>
    public LogisticLoss(Tensor x, Tensor classIndex, int classes)
    {
        _x = x;
        _features = x.shape[1];
        Binary = classes == 2;
        Rows = Binary ? 1 : classes;
        if (Binary)
        {
            _target = classIndex.to(ScalarType.Float64);
        }
        else
        {
            _target = classIndex.unsqueeze(1);
            _minusOne = full(x.shape[0], 1, -1.0, ScalarType.Float64, device: x.device);
        }
    }

    /// <summary>True when the model is one binomial row (two classes), as sklearn's multi_class="auto" chooses.</summary>
    public bool Binary { get; }

    /// <summary>Rows of the parameter matrix: the class count, or 1 for a binomial model.</summary>
    public int Rows { get; }

    /// <summary>Length of the flat parameter vector: Rows × (D + 1).</summary>
    public int Length => checked(Rows * (int)(_features + 1));

    /// <summary>1/C: the L2 strength on the weights (sklearn's l2_reg_strength).</summary>
    public double L2 { get; set; } = 1;

    /// <summary>f at <paramref name="parameters"/>; writes ∇f into <paramref name="gradient"/>.</summary>
    public double Evaluate(double[] parameters, double[] gradient)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var all = tensor(parameters, [Rows, _features + 1], ScalarType.Float64, device: _x.device);
        var weight = all.narrow(1, 0, _features);
        var bias = all.select(1, _features);
        Tensor data, weightGrad, biasGrad;
        if (Binary)
        {
            var raw = _x.mv(weight.squeeze(0)).add_(bias);
            // log(1 + e^raw) − y·raw, written stably; its derivative is sigmoid(raw) − y.
            data = raw.clamp_min(0).add_(raw.abs().neg_().exp_().log1p_()).sub_(_target * raw).sum();
            var pointwise = raw.sigmoid().sub_(_target);
            weightGrad = _x.t().mv(pointwise).unsqueeze(0);
            biasGrad = pointwise.sum().reshape(1, 1);
        }
        else
        {
            var raw = addmm(bias, _x, weight.t(), 1, 1);
            var logNorm = raw.logsumexp(1, keepdim: true);
            data = logNorm.squeeze(1).sub(raw.gather(1, _target).squeeze(1)).sum();
            var pointwise = raw.sub_(logNorm).exp_().scatter_add_(1, _target, _minusOne!);
            weightGrad = pointwise.t().mm(_x);
            biasGrad = pointwise.sum(0L).unsqueeze(1);
        }
        weightGrad.add_(weight, alpha: L2);
        cat([weightGrad, biasGrad], 1).cpu().contiguous().data<double>().CopyTo(gradient);
        return data.item<double>() + 0.5 * L2 * weight.square().sum().item<double>();
    }

    public void Dispose()
    {
        _target.Dispose();
        _minusOne?.Dispose();
    }
}
