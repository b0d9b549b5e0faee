namespace Daft.Shared.Specs;

/// <summary>Fine-tuning ("ft"): a new randomly initialised head, the whole net trained by SGD at one learning rate.</summary>
/// <param name="Lr">Learning rate for body and head.</param>
/// <param name="BnMode">BatchNorm mode while training; default <see cref="Specs.BnMode.Train"/>.</param>
public sealed record FineTuneSpec(double Lr, BnMode BnMode) : MethodSpec
{
    /// <summary>The <c>method.name</c> of this method.</summary>
    public const string MethodName = "ft";

    /// <inheritdoc />
    public override string Name => MethodName;
}
