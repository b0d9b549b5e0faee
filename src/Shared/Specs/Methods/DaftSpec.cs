namespace Daft.Shared.Specs;

/// <summary>DAFT ("daft"): optional BN conversion, then a zero-initialised head with its own absolute learning rate, one SGD run.</summary>
/// <param name="Lr">Learning rate of the body (feature extractor).</param>
/// <param name="HeadLr">Absolute learning rate of the zero-initialised head (not a multiple of <see cref="Lr"/>).</param>
/// <param name="ConvertBn">Run BN conversion on the target training split before training.</param>
/// <param name="BnMode">BatchNorm mode while training; default <see cref="Specs.BnMode.Train"/>.</param>
public sealed record DaftSpec(double Lr, double HeadLr, bool ConvertBn, BnMode BnMode) : MethodSpec
{
    /// <summary>The <c>method.name</c> of this method.</summary>
    public const string MethodName = "daft";

    /// <inheritdoc />
    public override string Name => MethodName;
}
