using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Models;

/// <summary>
/// CLIP's visual tower <c>ModifiedResNet</c> (RN50 by default) with a linear head <c>fc</c> on its attention-pooled
/// features. State-dict names are CLIP's <c>visual.*</c> keys without the <c>visual.</c> prefix, plus <c>fc.*</c>.
/// Images in [0, 1] are normalised with CLIP's own mean and std. The sizes are parameters so tests can build a
/// small instance; the defaults are RN50 at 224x224 (1024-d features).
/// </summary>
public sealed class ClipResNet : ClassifierNetwork
{
    /// <summary>CLIP's preprocessing mean (clip/clip.py <c>_transform</c>).</summary>
    public static readonly double[] ClipMean = [0.48145466, 0.4578275, 0.40821073];

    /// <summary>CLIP's preprocessing std.</summary>
    public static readonly double[] ClipStd = [0.26862954, 0.26130258, 0.27577711];

    // Field order = CLIP's registration order = state-dict order.
    readonly PixelNormalization normalize;
    readonly Conv2d conv1;
    readonly BatchNorm2d bn1;
    readonly ReLU relu1;
    readonly Conv2d conv2;
    readonly BatchNorm2d bn2;
    readonly ReLU relu2;
    readonly Conv2d conv3;
    readonly BatchNorm2d bn3;
    readonly ReLU relu3;
    readonly AvgPool2d avgpool;
    readonly Sequential layer1;
    readonly Sequential layer2;
    readonly Sequential layer3;
    readonly Sequential layer4;
    readonly AttentionPool2d attnpool;
    nn.Module<Tensor, Tensor> fc;

    readonly int outputDim;

    /// <summary>Builds a ModifiedResNet; the defaults are CLIP RN50 (<c>layers [3, 4, 6, 3]</c>, width 64, 32 heads, 1024-d output, 224x224 input).</summary>
    public ClipResNet(int numClasses, int[]? layers = null, int width = 64, int outputDim = 1024, int heads = 32, int inputResolution = 224)
        : base("clip_rn50")
    {
        layers ??= [3, 4, 6, 3];
        if (numClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "A classifier needs at least one class.");
        if (layers.Length != 4 || layers.Any(l => l < 1))
            throw new ArgumentException($"layers must be four block counts >= 1; got [{string.Join(", ", layers)}].", nameof(layers));
        if (inputResolution % 32 != 0)
            throw new ArgumentException($"The input resolution must be a multiple of 32 (the tower's total stride); got {inputResolution}.", nameof(inputResolution));
        InputResolution = inputResolution;
        this.outputDim = outputDim;
        normalize = new PixelNormalization(ClipMean, ClipStd);
        // The 3-conv stem: 3x3 stride 2, 3x3, 3x3, then a 2x2 average pool.
        conv1 = nn.Conv2d(3, width / 2, kernel_size: 3, stride: 2, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(width / 2);
        relu1 = nn.ReLU(inplace: true);
        conv2 = nn.Conv2d(width / 2, width / 2, kernel_size: 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(width / 2);
        relu2 = nn.ReLU(inplace: true);
        conv3 = nn.Conv2d(width / 2, width, kernel_size: 3, padding: 1, bias: false);
        bn3 = nn.BatchNorm2d(width);
        relu3 = nn.ReLU(inplace: true);
        avgpool = nn.AvgPool2d(2);
        long inPlanes = width;
        layer1 = MakeLayer(ref inPlanes, width, layers[0], stride: 1);
        layer2 = MakeLayer(ref inPlanes, width * 2, layers[1], stride: 2);
        layer3 = MakeLayer(ref inPlanes, width * 4, layers[2], stride: 2);
        layer4 = MakeLayer(ref inPlanes, width * 8, layers[3], stride: 2);
        attnpool = new AttentionPool2d(inputResolution / 32, embedDim: width * 32, heads, outputDim);
        fc = nn.Linear(outputDim, numClasses);
        RegisterComponents();
        InitLikeClip();
    }

    /// <summary>The image size the positional embedding was built for.</summary>
    public int InputResolution { get; }

    public override int FeatureDim => outputDim;

    public override Linear Head => HeadSwap.OutputLayer(fc);

    public override nn.Module<Tensor, Tensor> HeadModule => fc;

    public override Tensor Features(Tensor images)
    {
        var x = normalize.call(images);
        x = relu1.call(bn1.call(conv1.call(x)));
        x = relu2.call(bn2.call(conv2.call(x)));
        x = avgpool.call(relu3.call(bn3.call(conv3.call(x))));
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        return attnpool.call(x);
    }

    public override void ReplaceHead(nn.Module<Tensor, Tensor> head)
    {
        fc = HeadSwap.Replace(this, fc, head, outputDim);
    }

    static Sequential MakeLayer(ref long inPlanes, long planes, int blocks, long stride)
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (var i = 0; i < blocks; i++)
        {
            modules.Add((i.ToString(System.Globalization.CultureInfo.InvariantCulture), new ClipBottleneck(inPlanes, planes, i == 0 ? stride : 1)));
            inPlanes = planes * ClipBottleneck.Expansion;
        }
        return nn.Sequential(modules);
    }

    /// <summary>CLIP's <c>initialize_parameters</c> for the visual tower: normal(in^-0.5) attention projections, zero bn3 gammas.</summary>
    void InitLikeClip()
    {
        using var _ = no_grad();
        foreach (var projection in attnpool.Projections)
            nn.init.normal_(projection.weight, std: Math.Pow(projection.weight!.shape[1], -0.5));
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.StartsWith("layer", StringComparison.Ordinal) && name.EndsWith(".bn3.weight", StringComparison.Ordinal))
                parameter.zero_();
        }
    }
}
