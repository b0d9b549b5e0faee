using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Adaptation;

/// <summary>
/// DANN's domain classifier as the tutorial's <c>DACNN.domain_classifier</c>: Linear(features, 100), BatchNorm1d(100),
/// ReLU, Linear(100, 2), as an <c>nn.Sequential</c> so its state-dict names are PyTorch's (<c>0.weight</c>,
/// <c>1.running_mean</c>, <c>3.bias</c>; <c>domain_classifier.0.weight</c> inside a parent). It returns logits: the
/// tutorial's LogSoftmax + NLLLoss is cross-entropy on these. Domain 0 is the source, 1 the target.
/// </summary>
public static class DomainClassifier
{
    /// <summary>The tutorial's hidden width.</summary>
    public const int DefaultHidden = 100;

    /// <summary>Source and target.</summary>
    public const int Domains = 2;

    /// <summary>A new domain classifier over <paramref name="features"/>-d features, PyTorch's default initialisation.</summary>
    public static Sequential Create(int features, int hidden = DefaultHidden)
    {
        if (features < 1)
            throw new ArgumentOutOfRangeException(nameof(features), features, "The domain classifier needs at least one input feature.");
        if (hidden < 1)
            throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "The domain classifier needs at least one hidden unit.");
        return nn.Sequential(
            nn.Linear(features, hidden),
            nn.BatchNorm1d(hidden),
            nn.ReLU(inplace: true),
            nn.Linear(hidden, Domains));
    }
}
