using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Models;

/// <summary>Shared <see cref="ClassifierNetwork.ReplaceHead"/> logic: check the new head, re-register it as <c>fc</c>.</summary>
static class HeadSwap
{
    /// <summary>The layer that gives the logits: the head itself when linear, an MLP head's last Linear.</summary>
    public static Linear OutputLayer(nn.Module<Tensor, Tensor> head) => head switch
    {
        Linear linear => linear,
        MlpHead mlp => mlp.Output,
        _ => throw new ArgumentException($"A head is a Linear or an MlpHead, got {head.GetType().Name}.", nameof(head)),
    };

    /// <summary>The width of the features a head takes.</summary>
    public static long InFeatures(nn.Module<Tensor, Tensor> head) => head switch
    {
        Linear linear => linear.weight!.shape.Length == 2 ? linear.weight.shape[1] : -1,
        MlpHead mlp => mlp.InFeatures,
        _ => throw new ArgumentException($"A head is a Linear or an MlpHead, got {head.GetType().Name}.", nameof(head)),
    };

    public static nn.Module<Tensor, Tensor> Replace(nn.Module owner, nn.Module<Tensor, Tensor> old, nn.Module<Tensor, Tensor> head, int featureDim)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (InFeatures(head) != featureDim)
            throw new ArgumentException($"The new head must take {featureDim} features (Linear({featureDim}, classes) or an MLP from {featureDim}); its first layer's weight has shape [{string.Join(", ", FirstWeightShape(head))}].", nameof(head));
        if (ReferenceEquals(old, head))
            return old;
        // Same device and dtype as the head it replaces, so a model already on the GPU stays usable.
        head.to(OutputLayer(old).weight!.device);
        // TorchSharp refuses to register a name twice; registering null removes the old entry first.
        var name = ClassifierNetwork.HeadPrefix.TrimEnd('.');
        owner.register_module(name, null!);
        owner.register_module(name, head);
        old.Dispose();
        return head;
    }

    static long[] FirstWeightShape(nn.Module<Tensor, Tensor> head) =>
        head.parameters().FirstOrDefault()?.shape ?? [];
}
