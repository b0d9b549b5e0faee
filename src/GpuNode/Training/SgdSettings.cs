namespace Daft.GpuNode.Training;

/// <summary>
/// SGD hyperparameters of one run. <see cref="Lr"/> is the feature extractor's learning rate, <see cref="HeadLr"/>
/// the head's: an absolute rate, equal to <see cref="Lr"/> for FT and LP-FT, DAFT's own head LR otherwise.
/// The defaults are the reference code's (momentum 0.9, no weight decay, no Nesterov).
/// </summary>
public sealed record SgdSettings(double Lr, double HeadLr, double Momentum = 0.9, double WeightDecay = 0.0, bool Nesterov = false)
{
    /// <summary>One learning rate for body and head (FT, LP-FT).</summary>
    public static SgdSettings SingleLr(double lr) => new(lr, lr);
}
