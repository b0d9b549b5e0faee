namespace Daft.Shared.Specs;

/// <summary>How a DANN step feeds its two batches to the network (<c>forward</c>).</summary>
public enum DannForward
{
    /// <summary>
    /// One pass over the source and target batches stacked: train-mode BatchNorm normalises them with their joint
    /// statistics, and its running statistics (what evaluation uses) average that same mixture. The default.
    /// </summary>
    Joint,

    /// <summary>
    /// The tutorial's loop: the source batch, then the target batch in its own pass. Train-mode BatchNorm normalises
    /// each domain by its own statistics, but its running statistics mix both, so a network with BatchNorm evaluates
    /// with statistics it never trained with.
    /// </summary>
    Separate,
}

/// <summary>
/// DANN ("dann", Ganin &amp; Lempitsky 2015; the transfer-learning tutorial's MNIST → MNIST-M): unsupervised domain
/// adaptation. A new head (as FT's) is the label classifier over the network's features; a domain classifier (Linear,
/// BatchNorm1d, ReLU, Linear) sees the same features behind a gradient-reversal layer whose weight λ rises from 0 to
/// ≈1 over training (λ_p = 2 / (1 + exp(−10 p)) − 1). Each step takes a labelled source batch (the dataset's train
/// split) and an unlabelled target batch (its <c>target</c> split); loss = label CE + source domain CE + target
/// domain CE; one SGD optimizer over all three parts at <see cref="Lr"/>, stepped by the job's LR schedule.
/// </summary>
/// <param name="Lr">Learning rate of the feature extractor, the label classifier and the domain classifier.</param>
/// <param name="DomainHidden">Hidden width of the domain classifier (the tutorial's 100).</param>
/// <param name="BnMode">BatchNorm mode of the network while training; default <see cref="Specs.BnMode.Train"/>.</param>
/// <param name="Forward">How the two batches go through the network; default <see cref="DannForward.Joint"/>.</param>
public sealed record DannSpec(double Lr, int DomainHidden, BnMode BnMode, DannForward Forward = DannForward.Joint) : MethodSpec
{
    /// <summary>The values of <c>forward</c>, in <see cref="DannForward"/>'s order.</summary>
    public static IReadOnlyList<string> ForwardNames { get; } = ["joint", "separate"];

    /// <summary>The <c>method.name</c> of this method.</summary>
    public const string MethodName = "dann";

    /// <summary>The tutorial's domain classifier width.</summary>
    public const int DefaultDomainHidden = 100;

    /// <inheritdoc />
    public override string Name => MethodName;
}
