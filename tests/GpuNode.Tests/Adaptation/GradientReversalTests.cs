using System.Text.Json;
using Daft.GpuNode.Adaptation;
using Daft.GpuNode.Tests.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Adaptation;

/// <summary>The gradient reversal layer, against the tutorial's GradientReversalFn (tools/fixtures/make_dann_fixtures.py, Fixtures/dann).</summary>
public class GradientReversalTests(ITestOutputHelper output)
{
    [Fact]
    public void Forward_and_input_gradient_match_pytorch()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestSetup.Fixtures, "dann", "tiny.json")));
        var lambda = json.RootElement.GetProperty("grl_lambda").GetDouble();
        var tensors = ParityFixture.Load("dann/tiny.safetensors");
        var x = tensors["grl.x"].clone().requires_grad_();

        var y = GradientReversal.Apply(x, lambda);
        y.mul(tensors["grl.upstream"]).sum().backward();

        var forward = ParityFixture.MaxAbs(y.detach(), tensors["grl.forward"]);
        var grad = ParityFixture.MaxAbs(x.grad!, tensors["grl.grad"]);
        output.WriteLine($"GRL λ={lambda}: max |Δforward| {forward:g3}, max |Δgrad| {grad:g3}");
        Assert.Equal(0.0, forward);
        Assert.True(grad <= 1e-6, $"the input gradient differs from PyTorch's by {grad:g3}");
        Assert.True(x.grad!.add(tensors["grl.upstream"].mul(lambda)).abs().max().item<float>() <= 1e-6f, "the gradient must be −λ times the upstream one");
    }

    [Fact]
    public void Parameters_before_the_layer_get_the_reversed_gradient_and_lambda_zero_blocks_it()
    {
        var x = tensor(new float[] { 1, -2, 3 });
        foreach (var lambda in new[] { 0.0, 0.5, 2.0 })
        {
            var w = tensor(new float[] { 0.5f, 1.5f, -1 }).requires_grad_();
            var y = GradientReversal.Apply(w.mul(x), lambda);
            Assert.True(y.detach().equal(w.detach().mul(x)).all().item<bool>(), "the forward must be the identity");
            y.pow(2).sum().backward();
            // d/dw of sum((w x)^2) is 2 w x^2; reversed: −λ · 2 w x^2.
            var expected = w.detach().mul(x.pow(2)).mul(-2 * lambda);
            Assert.True(w.grad!.allclose(expected, rtol: 1e-6, atol: 1e-7), $"λ={lambda}: got {string.Join(", ", w.grad!.data<float>().ToArray())}");
        }
    }

    [Fact]
    public void Without_autograd_it_is_a_view_and_a_non_finite_lambda_is_refused()
    {
        var x = arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        using (no_grad())
        {
            var y = GradientReversal.Apply(x, 1.0);
            Assert.False(y.requires_grad);
            Assert.True(y.equal(x).all().item<bool>());
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientReversal.Apply(x, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientReversal.Apply(x, double.PositiveInfinity));
    }
}
