using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Models;

/// <summary>
/// torchvision's ResNet (v1.5: the stride of a Bottleneck sits on its 3x3 conv), with torchvision's module names,
/// state-dict order and initialisation, so torchvision / MoCo / SwAV checkpoints load by name. Images in [0, 1] are
/// first normalised with the ImageNet statistics the DAFT code uses (std 0.228 for red, not torchvision's 0.229).
/// </summary>
public sealed class ResNet : ClassifierNetwork
{
    /// <summary>ImageNet channel means (DAFT's <c>utils/transfer.py</c>).</summary>
    public static readonly double[] ImageNetMean = [0.485, 0.456, 0.406];

    /// <summary>ImageNet channel stds as DAFT writes them: 0.228 for red (torchvision says 0.229).</summary>
    public static readonly double[] ImageNetStd = [0.228, 0.224, 0.225];

    // Field order = torchvision's registration order = state-dict order.
    readonly PixelNormalization normalize;
    readonly Conv2d conv1;
    readonly BatchNorm2d bn1;
    readonly ReLU relu;
    readonly nn.Module<Tensor, Tensor> maxpool;
    readonly Sequential layer1;
    readonly Sequential layer2;
    readonly Sequential layer3;
    readonly Sequential layer4;
    readonly AdaptiveAvgPool2d avgpool;
    nn.Module<Tensor, Tensor> fc;

    readonly int featureDim;

    /// <summary>torchvision <c>resnet18</c>: BasicBlocks [2, 2, 2, 2], 512-d features.</summary>
    public static ResNet ResNet18(int numClasses) => new("resnet18", bottleneck: false, [2, 2, 2, 2], numClasses);

    /// <summary>torchvision <c>resnet50</c>: Bottlenecks [3, 4, 6, 3], 2048-d features.</summary>
    public static ResNet ResNet50(int numClasses) => new("resnet50", bottleneck: true, [3, 4, 6, 3], numClasses);

    /// <summary>
    /// ResNet-18 with the CIFAR stem of He et al. (2016, §4.2) as the common CIFAR code has it: a 3x3, stride-1
    /// <c>conv1</c> and no max-pool, so a 28x28 or 32x32 image keeps its resolution into <c>layer1</c> (torchvision's
    /// 7x7/2 conv and pool would leave 1x1 maps at <c>layer4</c>). Same names, so its state dict is resnet18's but
    /// for <c>conv1.weight</c>'s shape.
    /// </summary>
    public static ResNet ResNet18Cifar(int numClasses) => new("resnet18_cifar", bottleneck: false, [2, 2, 2, 2], numClasses, cifarStem: true);

    ResNet(string name, bool bottleneck, int[] layers, int numClasses, bool cifarStem = false) : base(name)
    {
        if (numClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "A classifier needs at least one class.");
        var expansion = bottleneck ? Bottleneck.Expansion : BasicBlock.Expansion;
        normalize = new PixelNormalization(ImageNetMean, ImageNetStd);
        conv1 = cifarStem
            ? nn.Conv2d(3, 64, kernel_size: 3, stride: 1, padding: 1, bias: false)
            : nn.Conv2d(3, 64, kernel_size: 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        relu = nn.ReLU(inplace: true);
        maxpool = cifarStem ? nn.Identity() : nn.MaxPool2d(kernel_size: 3, stride: 2, padding: 1);
        long inPlanes = 64;
        layer1 = MakeLayer(bottleneck, ref inPlanes, 64, layers[0], stride: 1);
        layer2 = MakeLayer(bottleneck, ref inPlanes, 128, layers[1], stride: 2);
        layer3 = MakeLayer(bottleneck, ref inPlanes, 256, layers[2], stride: 2);
        layer4 = MakeLayer(bottleneck, ref inPlanes, 512, layers[3], stride: 2);
        avgpool = nn.AdaptiveAvgPool2d(1);
        featureDim = 512 * expansion;
        fc = nn.Linear(featureDim, numClasses);
        RegisterComponents();
        InitLikeTorchvision();
    }

    public override int FeatureDim => featureDim;

    public override Linear Head => HeadSwap.OutputLayer(fc);

    public override nn.Module<Tensor, Tensor> HeadModule => fc;

    public override Tensor Features(Tensor images)
    {
        var x = normalize.call(images);
        x = maxpool.call(relu.call(bn1.call(conv1.call(x))));
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        return avgpool.call(x).flatten(1);
    }

    public override void ReplaceHead(nn.Module<Tensor, Tensor> head)
    {
        fc = HeadSwap.Replace(this, fc, head, featureDim);
    }

    static Sequential MakeLayer(bool bottleneck, ref long inPlanes, long planes, int blocks, long stride)
    {
        var expansion = bottleneck ? Bottleneck.Expansion : BasicBlock.Expansion;
        Sequential? downsample = stride != 1 || inPlanes != planes * expansion
            ? Convs.Downsample(inPlanes, planes * expansion, stride)
            : null;
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (var i = 0; i < blocks; i++)
        {
            nn.Module<Tensor, Tensor> block = bottleneck
                ? new Bottleneck(inPlanes, planes, i == 0 ? stride : 1, i == 0 ? downsample : null)
                : new BasicBlock(inPlanes, planes, i == 0 ? stride : 1, i == 0 ? downsample : null);
            modules.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), block));
            inPlanes = planes * expansion;
        }
        return nn.Sequential(modules);
    }

    /// <summary>torchvision's init: kaiming-normal (fan_out, relu) convs, BN weight 1 / bias 0, Linear left at its default.</summary>
    void InitLikeTorchvision()
    {
        using var _ = no_grad();
        foreach (var (_, module) in named_modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
                    break;
                case BatchNorm2d bn:
                    nn.init.ones_(bn.weight);
                    nn.init.zeros_(bn.bias);
                    break;
            }
        }
    }
}
