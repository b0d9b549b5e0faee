using Daft.GpuNode.Models;
using static TorchSharp.torch;

namespace Daft.GpuNode.Training;

/// <summary>The three ways a method starts its head (daft-spec §1.0): zeros (DAFT), a folded LP head (LP-FT), a fresh layer (FT).</summary>
public static class HeadInit
{
    /// <summary>DAFT: head weight and bias set to zero in place, so the feature gradient Wᵀ(p−y) is zero at the first step.</summary>
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
        if (model.NumClasses != weight.shape[0])
            Fresh(model, (int)weight.shape[0]);
        using var _ = no_grad();
        model.Head.weight.copy_(weight);
        (model.Head.bias ?? throw new InvalidOperationException($"The head of '{model.GetName()}' has no bias to load into.")).copy_(bias);
    }

    /// <summary>
    /// FT: a new <c>Linear(FeatureDim, numClasses)</c> with PyTorch's default init (kaiming_uniform(a=√5) weight,
    /// U(±1/√fan_in) bias; TorchSharp's Linear constructor does exactly that), on the model's device.
    /// </summary>
    public static void Fresh(ClassifierNetwork model, int numClasses)
    {
        if (numClasses < 1)
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "A head needs at least one class.");
        model.ReplaceHead(nn.Linear(model.FeatureDim, numClasses, device: Trainer.DeviceOf(model)));
    }
}
