using Daft.GpuNode.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Tests.Training;

/// <summary>
/// A small Conv2d + BatchNorm2d classifier for tests that need no real backbone: two conv/BN/ReLU stages, global
/// average pooling, head <c>fc</c>. The BN layers get non-trivial γ, β and running statistics from the seed.
/// </summary>
sealed class TinyBnNet : ClassifierNetwork
{
    readonly Conv2d conv1;
    readonly BatchNorm2d bn1;
    readonly Conv2d conv2;
    readonly BatchNorm2d bn2;
    nn.Module<Tensor, Tensor> fc;

    public TinyBnNet(int numClasses = 3, long seed = 7) : base(nameof(TinyBnNet))
    {
        manual_seed(seed);
        conv1 = nn.Conv2d(3, 4, 3, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(4);
        conv2 = nn.Conv2d(4, 6, 3, stride: 2, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(6);
        fc = nn.Linear(6, numClasses);
        RegisterComponents();
        using var _ = no_grad();
        foreach (var bn in new[] { bn1, bn2 })
        {
            bn.weight.uniform_(0.5, 1.5);
            bn.bias!.normal_(0, 0.1);
            bn.running_mean!.normal_(0, 0.3);
            bn.running_var!.uniform_(0.5, 2.0);
        }
    }

    public override int FeatureDim => 6;

    public override Linear Head => OutputLayerOf(fc);

    public override nn.Module<Tensor, Tensor> HeadModule => fc;

    public BatchNorm2d FirstBn => bn1;

    public Conv2d FirstConv => conv1;

    public override Tensor Features(Tensor images)
    {
        var x = nn.functional.relu(bn1.call(conv1.call(images)));
        x = nn.functional.relu(bn2.call(conv2.call(x)));
        return x.mean([2, 3]);
    }

    public override void ReplaceHead(nn.Module<Tensor, Tensor> head)
    {
        var old = fc;
        register_module("fc", null!);
        fc = head;
        register_module("fc", head);
        old.Dispose();
    }
}
