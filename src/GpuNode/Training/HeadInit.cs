using Daft.GpuNode.Models;
using Daft.Shared.Specs;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Daft.GpuNode.Training;

/// <summary>The three ways a method starts its head (daft-spec §1.0): zeros (DAFT), a folded LP head (LP-FT), a fresh layer (FT).</summary>
public static class HeadInit
{
    /// <summary>
    /// DAFT: the head's output layer (the whole head when linear, an MLP's last Linear) set to zero in place, so the
    /// feature gradient Wᵀ(p−y) is zero at the first step. An MLP's hidden layers keep their default init: zero
    /// there too would leave them without a gradient for good.
    /// </summary>
    public static void Zero(ClassifierNetwork model)
    {
        using var _ = no_grad();
        model.Head.weight.zero_();
        model.Head.bias?.zero_();
    }

    /// <summary>
    /// LP-FT: loads a folded LP head, W' (classes × FeatureDim) and b' (classes), into <c>fc</c>. A head with
    /// another class count is replaced by one of the right shape first.
    /// </summary>
    public static void Load(ClassifierNetwork model, Tensor weight, Tensor bias)
    {
        if (weight.dim() != 2 || weight.shape[1] != model.FeatureDim)
            throw new ArgumentException($"An LP head for '{model.GetName()}' must be classes × {model.FeatureDim}, got weight shape [{string.Join(", ", weight.shape)}].", nameof(weight));
        if (bias.dim() != 1 || bias.shape[0] != weight.shape[0])
            throw new ArgumentException($"The LP head's bias must have {weight.shape[0]} entries (one per class), got shape [{string.Join(", ", bias.shape)}].", nameof(bias));
        if (model.NumClasses != weight.shape[0] || model.HeadModule is not Linear)
            Fresh(model, (int)weight.shape[0]);
        using var _ = no_grad();
        model.Head.weight.copy_(weight);
        (model.Head.bias ?? throw new InvalidOperationException($"The head of '{model.GetName()}' has no bias to load into.")).copy_(bias);
    }

    /// <summary>
    /// FT: a new <c>Linear(FeatureDim, numClasses)</c> with PyTorch's default init (kaiming_uniform(a=√5) weight,
    /// U(±1/√fan_in) bias; TorchSharp's Linear constructor does exactly that), on the model's device; with an MLP
    /// <paramref name="head"/>, a new <see cref="MlpHead"/> whose Linear layers get that init in layer order.
    /// </summary>
    public static void Fresh(ClassifierNetwork model, int numClasses, HeadSpec? head = null)
    {
        if (numClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "A head needs at least one class.");
        var device = Trainer.DeviceOf(model);
        model.ReplaceHead(head is { IsMlp: true }
            ? new MlpHead(model.FeatureDim, head, numClasses, device)
            : nn.Linear(model.FeatureDim, numClasses, device: device));
    }

    /// <summary>
    /// <paramref name="copy"/> with a head of <paramref name="model"/>'s layout (an MLP head when it has one; its values
    /// are for the caller to overwrite), so that a state dict of <paramref name="model"/> loads into it.
    /// </summary>
    public static ClassifierNetwork LikeHeadOf(ClassifierNetwork copy, ClassifierNetwork model)
    {
        if (model.HeadModule is MlpHead mlp)
            Fresh(copy, model.NumClasses, mlp.Spec);
        return copy;
    }
}
