using System.Collections.Immutable;
using Daft.Coordinator.Jobs;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Farm.Local;

/// <summary>
/// A generated sweep of real, tiny jobs: FT of the small CNN on the shipped digits (1,797 images, about a second per
/// epoch), one job per run_num. For the farm benchmark and the farm's tests, where the number of jobs matters, not
/// what they learn.
/// </summary>
public static class TinySweep
{
    public static SweepPlan Plan(string name, int jobs, int epochs = 1, int maxAttempts = 3, double lr = 0.05)
    {
        var template = JobSpecLoader.Parse($"dataset: digits\nbackbone: small_cnn\nmethod:\n  name: ft\n  lr: {lr.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}\nepochs: {epochs}\n", $"{name}.yaml");
        var planned = Enumerable.Range(1, jobs).Select(runNum =>
        {
            var spec = template with { RunNum = runNum, Seed = Seeds.ForRunNum(runNum) };
            return new PlannedJob(JobIdentity.IdOf(spec), spec, [], ImmutableSortedDictionary<string, string>.Empty, DeviceRequirement.Any);
        }).ToImmutableArray();
        return new SweepPlan(SweepIdentity.IdOf(name, planned.Select(job => job.Id)), name, null, null, 0, maxAttempts, planned);
    }
}
