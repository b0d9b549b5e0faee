using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Models;

/// <summary>
/// A small CNN for digit-sized images (8x8 to 32x32; grey digits are given as 3-channel images):
/// three conv3x3 + BatchNorm2d + ReLU stages (32, 64, 128 channels), the first two followed by a 2x2 max-pool with
/// ceil mode so an 8x8 (or odd-sized) input never pools down to nothing, then global average pooling to 128-d
/// features and the linear head <c>fc</c>. Pixels in [0, 1] are normalised with mean 0.5 and std 0.5 per channel,
/// i.e. mapped to [-1, 1], the usual choice for digits when no dataset statistics are fixed.
/// </summary>
public sealed class SmallCnn : ClassifierNetwork
{
    /// <summary>Per-channel mean and std of the built-in normalisation: [0, 1] maps to [-1, 1].</summary>
    public const double PixelMean = 0.5, PixelStd = 0.5;

    const int Width = 128;

    // Field order = state-dict order (the Python reference registers in the same order).
    readonly PixelNormalization normalize;
    readonly Conv2d conv1;
    readonly BatchNorm2d bn1;
    readonly Conv2d conv2;
    readonly BatchNorm2d bn2;
    readonly Conv2d conv3;
    readonly BatchNorm2d bn3;
    readonly ReLU relu;
    readonly MaxPool2d pool;
    nn.Module<Tensor, Tensor> fc;

    public SmallCnn(int numClasses) : base("small_cnn")
    {
        if (numClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "A classifier needs at least one class.");
        normalize = new PixelNormalization([PixelMean, PixelMean, PixelMean], [PixelStd, PixelStd, PixelStd]);
        conv1 = Convs.Conv3x3(3, 32);
        bn1 = nn.BatchNorm2d(32);
        conv2 = Convs.Conv3x3(32, 64);
        bn2 = nn.BatchNorm2d(64);
        conv3 = Convs.Conv3x3(64, Width);
        bn3 = nn.BatchNorm2d(Width);
        relu = nn.ReLU(inplace: true);
        pool = nn.MaxPool2d(kernel_size: 2, stride: 2, ceil_mode: true);
        fc = nn.Linear(Width, numClasses);
        RegisterComponents();
        using var _ = no_grad();
        foreach (var conv in new[] { conv1, conv2, conv3 })
            nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
    }

    public override int FeatureDim => Width;

    public override Linear Head => HeadSwap.OutputLayer(fc);

    public override nn.Module<Tensor, Tensor> HeadModule => fc;

    public override Tensor Features(Tensor images)
    {
        var x = normalize.call(images);
        x = pool.call(relu.call(bn1.call(conv1.call(x))));
        x = pool.call(relu.call(bn2.call(conv2.call(x))));
        x = relu.call(bn3.call(conv3.call(x)));
        return x.mean([2, 3]);
    }

    public override void ReplaceHead(nn.Module<Tensor, Tensor> head)
    {
        fc = HeadSwap.Replace(this, fc, head, Width);
    }
}
