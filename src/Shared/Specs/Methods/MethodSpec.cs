namespace Daft.Shared.Specs;

/// <summary>
/// What a job trains: a closed set of five records, chosen in the job file by <c>method.name</c>
/// (<see cref="LinearProbeSpec"/> "lp", <see cref="FineTuneSpec"/> "ft", <see cref="LpFtSpec"/> "lp_ft",
/// <see cref="DaftSpec"/> "daft", <see cref="DannSpec"/> "dann").
/// </summary>
public abstract record MethodSpec
{
    /// <summary>The method names a job file may use, in the order error messages list them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [LinearProbeSpec.MethodName, FineTuneSpec.MethodName, LpFtSpec.MethodName, DaftSpec.MethodName, DannSpec.MethodName];

    // Only the five records below derive from this type.
    private protected MethodSpec()
    {
    }

    /// <summary>The <c>method.name</c> that selects this record.</summary>
    public abstract string Name { get; }
}
