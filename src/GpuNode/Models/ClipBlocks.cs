using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Models;

/// <summary>
/// CLIP's anti-aliased Bottleneck (expansion 4): every conv has stride 1; a stride > 1 is an <c>AvgPool2d(stride)</c>
/// after conv2, and the shortcut is <c>Sequential("-1": AvgPool2d(stride), "0": conv1x1, "1": BatchNorm2d)</c>.
/// </summary>
sealed class ClipBottleneck : nn.Module<Tensor, Tensor>
{
    public const int Expansion = 4;

    // Field order = CLIP's registration order = state-dict order.
    readonly Conv2d conv1;
    readonly BatchNorm2d bn1;
    readonly ReLU relu1;
    readonly Conv2d conv2;
    readonly BatchNorm2d bn2;
    readonly ReLU relu2;
    readonly nn.Module<Tensor, Tensor> avgpool;
    readonly Conv2d conv3;
    readonly BatchNorm2d bn3;
    readonly ReLU relu3;
    readonly Sequential? downsample;

    public ClipBottleneck(long inPlanes, long planes, long stride) : base(nameof(ClipBottleneck))
    {
        conv1 = nn.Conv2d(inPlanes, planes, kernel_size: 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        relu1 = nn.ReLU(inplace: true);
        conv2 = nn.Conv2d(planes, planes, kernel_size: 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        relu2 = nn.ReLU(inplace: true);
        avgpool = stride > 1 ? nn.AvgPool2d(stride) : nn.Identity();
        conv3 = nn.Conv2d(planes, planes * Expansion, kernel_size: 1, bias: false);
        bn3 = nn.BatchNorm2d(planes * Expansion);
        relu3 = nn.ReLU(inplace: true);
        if (stride > 1 || inPlanes != planes * Expansion)
        {
            downsample = nn.Sequential(
                ("-1", nn.AvgPool2d(stride)),
                ("0", nn.Conv2d(inPlanes, planes * Expansion, kernel_size: 1, bias: false)),
                ("1", nn.BatchNorm2d(planes * Expansion)));
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var y = relu1.call(bn1.call(conv1.call(x)));
        y = relu2.call(bn2.call(conv2.call(y)));
        y = avgpool.call(y);
        y = bn3.call(conv3.call(y));
        var identity = downsample is null ? x : downsample.call(x);
        return relu3.call(y.add_(identity));
    }
}

/// <summary>
/// CLIP's <c>AttentionPool2d</c>: the spatial mean token plus the HW tokens get a learned positional embedding, and
/// the mean token attends to all tokens in one multi-head attention layer (q/k/v projections, output projection
/// <c>c_proj</c>). Written out by hand; it is <c>F.multi_head_attention_forward</c> with separate projection
/// weights, no dropout and no masks, as CLIP calls it.
/// </summary>
sealed class AttentionPool2d : nn.Module<Tensor, Tensor>
{
    readonly Parameter positional_embedding;
    readonly Linear k_proj;
    readonly Linear q_proj;
    readonly Linear v_proj;
    readonly Linear c_proj;
    readonly int numHeads;
    readonly int spacialDim;

    public AttentionPool2d(int spacialDim, int embedDim, int numHeads, int outputDim) : base(nameof(AttentionPool2d))
    {
        if (embedDim % numHeads != 0)
            throw new ArgumentException($"The attention-pool width {embedDim} must divide into {numHeads} heads.");
        positional_embedding = new Parameter(randn(spacialDim * spacialDim + 1, embedDim).div_(Math.Sqrt(embedDim)));
        k_proj = nn.Linear(embedDim, embedDim);
        q_proj = nn.Linear(embedDim, embedDim);
        v_proj = nn.Linear(embedDim, embedDim);
        c_proj = nn.Linear(embedDim, outputDim);
        this.numHeads = numHeads;
        this.spacialDim = spacialDim;
        RegisterComponents();
    }

    /// <summary>The four projections, for CLIP's init (normal with std = in_features^-0.5).</summary>
    public IEnumerable<Linear> Projections => [q_proj, k_proj, v_proj, c_proj];

    public override Tensor forward(Tensor x)
    {
        var (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
        if (h != spacialDim || w != spacialDim)
            throw new ArgumentException($"The attention pool was built for a {spacialDim}x{spacialDim} feature map (input resolution {spacialDim * 32}); got {h}x{w}.");
        var tokens = x.flatten(2).permute(2, 0, 1);                                  // (HW, N, C)
        tokens = cat([tokens.mean([0], keepdim: true), tokens], 0);                  // (HW+1, N, C)
        tokens = tokens.add(positional_embedding.unsqueeze(1));
        var length = tokens.shape[0];
        var headDim = c / numHeads;
        // One query (the mean token); keys and values are all tokens. Heads folded into the batch: (N*heads, L, d).
        var q = q_proj.call(tokens[..1]).view(1, n * numHeads, headDim).transpose(0, 1);
        var k = k_proj.call(tokens).view(length, n * numHeads, headDim).transpose(0, 1);
        var v = v_proj.call(tokens).view(length, n * numHeads, headDim).transpose(0, 1);
        var weights = bmm(q.div(Math.Sqrt(headDim)), k.transpose(1, 2)).softmax(-1);  // (N*heads, 1, L)
        var attended = bmm(weights, v).transpose(0, 1).contiguous().view(n, c);      // (N, C)
        return c_proj.call(attended);
    }
}
