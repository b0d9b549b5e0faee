using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Models;

/// <summary>Conv layers as torchvision's <c>conv3x3</c> / <c>conv1x1</c> helpers build them (no bias).</summary>
static class Convs
{
    public static Conv2d Conv3x3(long inPlanes, long outPlanes, long stride = 1) =>
        nn.Conv2d(inPlanes, outPlanes, kernel_size: 3, stride: stride, padding: 1, bias: false);

    public static Conv2d Conv1x1(long inPlanes, long outPlanes, long stride = 1) =>
        nn.Conv2d(inPlanes, outPlanes, kernel_size: 1, stride: stride, bias: false);

    /// <summary>torchvision's shortcut projection: <c>Sequential(conv1x1, BatchNorm2d)</c> named 0 and 1.</summary>
    public static Sequential Downsample(long inPlanes, long outPlanes, long stride) =>
        nn.Sequential(("0", Conv1x1(inPlanes, outPlanes, stride)), ("1", nn.BatchNorm2d(outPlanes)));
}

/// <summary>torchvision's <c>BasicBlock</c> (expansion 1): two 3x3 convs, stride on the first.</summary>
sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    public const int Expansion = 1;

    // Field order = torchvision's registration order = state-dict order.
    readonly Conv2d conv1;
    readonly BatchNorm2d bn1;
    readonly ReLU relu;
    readonly Conv2d conv2;
    readonly BatchNorm2d bn2;
    readonly Sequential? downsample;

    public BasicBlock(long inPlanes, long planes, long stride, Sequential? downsample) : base(nameof(BasicBlock))
    {
        conv1 = Convs.Conv3x3(inPlanes, planes, stride);
        bn1 = nn.BatchNorm2d(planes);
        relu = nn.ReLU(inplace: true);
        conv2 = Convs.Conv3x3(planes, planes);
        bn2 = nn.BatchNorm2d(planes);
        this.downsample = downsample;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = relu.call(bn1.call(conv1.call(x)));
        y = bn2.call(conv2.call(y));
        // The shortcut runs after the main branch, as in torchvision, so hooks fire in the same order.
        var identity = downsample is null ? x : downsample.call(x);
        return relu.call(y.add_(identity));
    }
}

/// <summary>torchvision's <c>Bottleneck</c> (ResNet v1.5, expansion 4): 1x1, 3x3 with the stride, 1x1.</summary>
sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    public const int Expansion = 4;

    readonly Conv2d conv1;
    readonly BatchNorm2d bn1;
    readonly Conv2d conv2;
    readonly BatchNorm2d bn2;
    readonly Conv2d conv3;
    readonly BatchNorm2d bn3;
    readonly ReLU relu;
    readonly Sequential? downsample;

    public Bottleneck(long inPlanes, long planes, long stride, Sequential? downsample) : base(nameof(Bottleneck))
    {
        conv1 = Convs.Conv1x1(inPlanes, planes);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = Convs.Conv3x3(planes, planes, stride);
        bn2 = nn.BatchNorm2d(planes);
        conv3 = Convs.Conv1x1(planes, planes * Expansion);
        bn3 = nn.BatchNorm2d(planes * Expansion);
        relu = nn.ReLU(inplace: true);
        this.downsample = downsample;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = relu.call(bn1.call(conv1.call(x)));
        y = relu.call(bn2.call(conv2.call(y)));
        y = bn3.call(conv3.call(y));
        var identity = downsample is null ? x : downsample.call(x);
        return relu.call(y.add_(identity));
    }
}
