namespace Daft.Shared.Specs;

/// <summary>How a job's seed follows from its replicate index when the job file sets no <c>seed</c>.</summary>
public static class Seeds
{
    /// <summary>
    /// LP-FT's base seed: its replicates run with seed = base_seed + replicate index, base_seed 0, and the
    /// index counts from 0 while our <c>run_num</c> counts from 1.
    /// </summary>
    public const long BaseSeed = 0;

    /// <summary>The seed of replicate <paramref name="runNum"/> (1-based): <c>runNum - 1 + BaseSeed</c>, so run 1 → 0, run 2 → 1.</summary>
    public static long ForRunNum(int runNum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runNum, 1);
        return BaseSeed + (runNum - 1);
    }
}
