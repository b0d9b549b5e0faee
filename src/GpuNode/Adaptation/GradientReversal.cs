using static TorchSharp.torch;

namespace Daft.GpuNode.Adaptation;

/// <summary>
/// DANN's gradient reversal layer (Ganin &amp; Lempitsky 2015, §3): the identity forward, the upstream gradient times
/// −λ backward, as the PyTorch <c>GradientReversalFn</c> (<c>x.view_as(x)</c> forward, <c>grad.neg() * λ</c> backward).
/// A TorchSharp custom autograd function: λ is a constant of the call, not a tensor, and gets no gradient.
/// </summary>
public static class GradientReversal
{
    /// <summary><paramref name="x"/> unchanged (a view of it) whose gradient is multiplied by −<paramref name="lambda"/>.</summary>
    public static Tensor Apply(Tensor x, double lambda)
    {
        if (double.IsNaN(lambda) || double.IsInfinity(lambda))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "The gradient reversal λ must be finite.");
        return ReversalFunction.apply(x, lambda);
    }

    sealed class ReversalFunction : autograd.SingleTensorFunction<ReversalFunction>
    {
        const string LambdaKey = "lambda";

        public override string Name => "GradientReversal";

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            ctx.save_data(LambdaKey, (double)vars[1]);
            var x = (Tensor)vars[0];
            return x.view_as(x);
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output) =>
            [grad_output.neg().mul((double)ctx.get_data(LambdaKey)), null!];
    }
}
