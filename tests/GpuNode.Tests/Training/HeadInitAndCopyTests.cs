using Daft.GpuNode.Models;
using Daft.GpuNode.Training;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Training;

public class HeadInitAndCopyTests
{
    [Fact]
    public void Zero_head_has_zero_weight_and_bias()
    {
        using var net = new TinyBnNet();
        HeadInit.Zero(net);
        Assert.Equal(0f, net.Head.weight.abs().sum().item<float>());
        Assert.Equal(0f, net.Head.bias!.abs().sum().item<float>());
    }

    [Fact]
    public void A_folded_lp_head_is_loaded_into_fc_and_resizes_it_when_the_class_count_differs()
    {
        using var net = new TinyBnNet(numClasses: 3);
        var w = arange(30, dtype: ScalarType.Float32).view(5, 6).div_(10);
        var b = tensor(new[] { 1f, -1f, 2f, 0f, 0.5f });

        HeadInit.Load(net, w, b);

        Assert.Equal(5, net.NumClasses);
        Assert.True(net.Head.weight.equal(w).all().item<bool>());
        Assert.True(net.Head.bias!.equal(b).all().item<bool>());
        Assert.Equal(2, net.HeadParameters().Count());
        var wrong = Assert.Throws<ArgumentException>(() => HeadInit.Load(net, zeros(5, 7), zeros(5)));
        Assert.Contains("classes × 6", wrong.Message);
        Assert.Throws<ArgumentException>(() => HeadInit.Load(net, zeros(5, 6), zeros(4)));
    }

    [Fact]
    public void A_fresh_head_has_pytorch_default_init_bounds()
    {
        using var net = new SmallCnn(10);
        HeadInit.Fresh(net, 64);

        var bound = 1 / Math.Sqrt(net.FeatureDim);
        Assert.Equal([64L, 128L], net.Head.weight.shape);
        Assert.InRange(net.Head.weight.abs().max().item<float>(), 0.8 * bound, bound);
        Assert.InRange(net.Head.bias!.abs().max().item<float>(), 0.5 * bound, bound);
        // kaiming_uniform(a=√5) is U(±1/√fan_in): its std is bound/√3.
        Assert.InRange(net.Head.weight.std().item<float>(), 0.9 * bound / Math.Sqrt(3), 1.1 * bound / Math.Sqrt(3));
    }

    [Fact]
    public void A_clone_is_equal_independent_and_in_the_same_mode()
    {
        using var net = new TinyBnNet(seed: 21);
        net.eval();
        using var copy = ModelCopy.Clone(net, () => new TinyBnNet(seed: 99));

        Assert.False(copy.training);
        var (a, b) = (net.state_dict(), copy.state_dict());
        Assert.All(a, kv => Assert.True(kv.Value.equal(b[kv.Key]).all().item<bool>(), kv.Key));
        using (no_grad())
            copy.FirstBn.running_mean!.add_(1);
        Assert.False(net.FirstBn.running_mean!.equal(copy.FirstBn.running_mean!).all().item<bool>());
    }

    [Fact]
    public void Cloning_into_another_architecture_names_the_differences()
    {
        using var net = new TinyBnNet(numClasses: 3);
        var error = Assert.Throws<ArgumentException>(() => ModelCopy.Clone<ClassifierNetwork>(net, () => new TinyBnNet(numClasses: 4)));
        Assert.Contains("fc.weight [3, 6] vs [4, 6]", error.Message);
    }
}
