using System.Globalization;
using Daft.Shared.Specs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Models;

/// <summary>
/// An MLP head (<see cref="HeadSpec"/>): per hidden width h, <c>Linear(in, h)</c>, the activation and
/// <c>Dropout(p)</c>, then <c>Linear(last, classes)</c>, its children registered as <c>0</c>, <c>1</c>, ... exactly as
/// <c>nn.Sequential</c> names them. Registered as a network's <c>fc</c>, hidden [512, 256] has the state-dict entries
/// <c>fc.0.*</c> (in → 512), <c>fc.3.*</c> (512 → 256) and <c>fc.6.*</c> (256 → classes), as PyTorch's
/// <c>nn.Sequential(nn.Linear(in, 512), nn.ReLU(), nn.Dropout(p), nn.Linear(512, 256), ...)</c>. Every Linear has
/// PyTorch's default init, drawn in layer order; the dropout is always there (p = 0 keeps the names stable).
/// </summary>
public sealed class MlpHead : nn.Module<Tensor, Tensor>
{
    /// <summary>Modules per hidden layer: Linear, activation, Dropout.</summary>
    public const int ModulesPerHiddenLayer = 3;

    // A list, not fields: TorchSharp registers a module's module-typed fields by their names, which would add a second
    // name for a layer; the children are registered here under their indices only.
    readonly List<nn.Module<Tensor, Tensor>> _layers = [];

    public MlpHead(int inFeatures, HeadSpec spec, int numClasses, Device? device = null) : base("mlp_head")
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.IsMlp)
            throw new ArgumentException("An MLP head needs at least one hidden layer.", nameof(spec));
        if (inFeatures < 1 || numClasses < 1 || spec.Hidden.Any(width => width < 1))
            throw new ArgumentOutOfRangeException(nameof(spec), $"An MLP head needs positive widths, got {inFeatures} → [{string.Join(", ", spec.Hidden)}] → {numClasses}.");
        if (spec.Dropout is not (>= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(spec), spec.Dropout, "Dropout must be in [0, 1).");
        InFeatures = inFeatures;
        Spec = spec;
        var width = inFeatures;
        foreach (var hidden in spec.Hidden)
        {
            _layers.Add(nn.Linear(width, hidden, device: device));
            _layers.Add(Activation(spec.Activation));
            _layers.Add(nn.Dropout(spec.Dropout));
            width = hidden;
        }
        _layers.Add(nn.Linear(width, numClasses, device: device));
        for (var i = 0; i < _layers.Count; i++)
            register_module(i.ToString(CultureInfo.InvariantCulture), _layers[i]);
    }

    /// <summary>Width of the features the head takes.</summary>
    public int InFeatures { get; }

    /// <summary>The head's layout.</summary>
    public HeadSpec Spec { get; }

    /// <summary>The last Linear layer, the one that gives the class logits (<c>fc.{3·hidden layers}</c>).</summary>
    public Linear Output => (Linear)_layers[^1];

    public override Tensor forward(Tensor features)
    {
        var x = features;
        foreach (var layer in _layers)
            x = layer.call(x);
        return x;
    }

    static nn.Module<Tensor, Tensor> Activation(HeadActivation activation) => activation switch
    {
        HeadActivation.Relu => nn.ReLU(),
        HeadActivation.Gelu => nn.GELU(),
        HeadActivation.Tanh => nn.Tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
