using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Models;

/// <summary>
/// A backbone plus its head <c>fc</c> (linear, or an <see cref="MlpHead"/>), as one module whose state-dict names are the reference code's
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

    /// <summary>
    /// The head's output layer, the one that gives the logits: the head itself when it is a
    /// <c>Linear(FeatureDim, classes)</c> (the default), the last Linear of an <see cref="MlpHead"/>.
    /// </summary>
    public abstract Linear Head { get; }

    /// <summary>The whole head registered as <c>fc</c>: a <see cref="Linear"/> or an <see cref="MlpHead"/>.</summary>
    public abstract nn.Module<Tensor, Tensor> HeadModule { get; }

    /// <summary>The output layer of a head (<see cref="Head"/> for implementations): a Linear itself, an MLP's last Linear.</summary>
    protected static Linear OutputLayerOf(nn.Module<Tensor, Tensor> head) => HeadSwap.OutputLayer(head);

    /// <summary>Number of classes the head predicts.</summary>
    public int NumClasses => (int)Head.weight!.shape[0];

    /// <summary>Penultimate features (after global pooling / attention pooling) of images in [0, 1].</summary>
    public abstract Tensor Features(Tensor images);

    /// <summary>
    /// Swaps in a new head, a Linear or an <see cref="MlpHead"/> taking <see cref="FeatureDim"/> features (disposing
    /// the old one). Used to set the class count, load an LP head or put on an MLP head.
    /// </summary>
    public abstract void ReplaceHead(nn.Module<Tensor, Tensor> head);

    public override Tensor forward(Tensor images) => HeadModule.call(Features(images));

    /// <summary>Parameters of the head (<c>fc.*</c>).</summary>
    public IEnumerable<(string Name, Parameter Parameter)> HeadParameters() =>
        named_parameters().Where(p => p.name.StartsWith(HeadPrefix, StringComparison.Ordinal));

    /// <summary>Parameters of the feature extractor: everything but the head, BN affine parameters included.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> FeatureExtractorParameters() =>
        named_parameters().Where(p => !p.name.StartsWith(HeadPrefix, StringComparison.Ordinal));
}
