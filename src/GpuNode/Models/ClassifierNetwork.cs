using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Models;

/// <summary>
/// A backbone plus its linear head <c>fc</c>, as one module whose state-dict names are the reference code's
/// (torchvision for ResNets). Input images are RGB in [0, 1]; the pixel normalisation the paper's code uses
/// lives inside <see cref="Features"/>, so BN conversion, feature extraction and training all see the same input.
/// </summary>
public abstract class ClassifierNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>The state-dict prefix of the head.</summary>
    public const string HeadPrefix = "fc.";

    protected ClassifierNetwork(string name) : base(name) { }

    /// <summary>Width of the penultimate features (the head's input).</summary>
    public abstract int FeatureDim { get; }

    /// <summary>The head, a <c>Linear(FeatureDim, classes)</c> registered as <c>fc</c>.</summary>
    public abstract Linear Head { get; }

    /// <summary>Number of classes the head predicts.</summary>
    public int NumClasses => (int)Head.weight!.shape[0];

    /// <summary>Penultimate features (after global pooling / attention pooling) of images in [0, 1].</summary>
    public abstract Tensor Features(Tensor images);

    /// <summary>Swaps in a new head (disposing the old one). Used to set the class count or load an LP head.</summary>
    public abstract void ReplaceHead(Linear head);

    public override Tensor forward(Tensor images) => Head.call(Features(images));

    /// <summary>Parameters of the head (<c>fc.*</c>).</summary>
    public IEnumerable<(string Name, Parameter Parameter)> HeadParameters() =>
        named_parameters().Where(p => p.name.StartsWith(HeadPrefix, StringComparison.Ordinal));

    /// <summary>Parameters of the feature extractor: everything but the head, BN affine parameters included.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> FeatureExtractorParameters() =>
        named_parameters().Where(p => !p.name.StartsWith(HeadPrefix, StringComparison.Ordinal));
}
