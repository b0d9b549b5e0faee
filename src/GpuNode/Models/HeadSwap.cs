using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Models;

/// <summary>Shared <see cref="ClassifierNetwork.ReplaceHead"/> logic: check the new head, re-register it as <c>fc</c>.</summary>
static class HeadSwap
{
    public static Linear Replace(nn.Module owner, Linear old, Linear head, int featureDim)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (head.weight!.shape.Length != 2 || head.weight.shape[1] != featureDim)
            throw new ArgumentException($"The new head must be Linear({featureDim}, classes); its weight has shape [{string.Join(", ", head.weight.shape)}].", nameof(head));
        if (ReferenceEquals(old, head))
            return old;
        // Same device and dtype as the head it replaces, so a model already on the GPU stays usable.
        head.to(old.weight!.device);
        // TorchSharp refuses to register a name twice; registering null removes the old entry first.
        var name = ClassifierNetwork.HeadPrefix.TrimEnd('.');
        owner.register_module(name, null!);
        owner.register_module(name, head);
        old.Dispose();
        return head;
    }
}
