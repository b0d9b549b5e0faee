namespace Daft.Shared.Specs;

/// <summary>LP-FT ("lp_ft"): the head starts from a linear probe's folded weights, then the whole net is fine-tuned.</summary>
/// <param name="Lr">Learning rate shared by body and head.</param>
/// <param name="BnMode">BatchNorm mode while training; default <see cref="Specs.BnMode.Eval"/> as in LP-FT.</param>
/// <param name="LpHead">Absolute path of the folded LP head from the LP job with the same run_num, or <c>job:&lt;id&gt;</c> for the head that LP job wrote (<see cref="JobReference"/>); null = run <see cref="Probe"/> in-process first, with the same seed.</param>
/// <param name="Probe">The probe run in-process when <see cref="LpHead"/> is null.</param>
public sealed record LpFtSpec(double Lr, BnMode BnMode, string? LpHead, LinearProbeSpec Probe) : MethodSpec
{
    /// <summary>The <c>method.name</c> of this method.</summary>
    public const string MethodName = "lp_ft";

    /// <inheritdoc />
    public override string Name => MethodName;
}
