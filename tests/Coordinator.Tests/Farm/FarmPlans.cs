using System.Collections.Immutable;
using Daft.Coordinator.Jobs;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Tests.Farm;

/// <summary>Sweep plans of real, tiny jobs (the shipped digits, small CNN) for the farm's actor and cluster tests.</summary>
internal static class FarmPlans
{
    private static readonly JobSpec Ft = JobSpecLoader.Parse(
        "dataset: digits\nbackbone: small_cnn\nmethod:\n  name: ft\n  lr: 0.05\nepochs: 1\nbatch_size: 64\n", "farm.yaml");

    /// <summary><paramref name="count"/> distinct FT jobs (run_num 1..count) of the digits dataset, 1 epoch each.</summary>
    public static ImmutableArray<PlannedJob> Jobs(int count, double lr = 0.05, int epochs = 1) =>
    [
        .. Enumerable.Range(1, count).Select(runNum =>
        {
            var spec = Ft with { Method = new FineTuneSpec(lr, BnMode.Train), RunNum = runNum, Seed = Seeds.ForRunNum(runNum), Epochs = epochs };
            return new PlannedJob(JobIdentity.IdOf(spec), spec, [], ImmutableSortedDictionary<string, string>.Empty, DeviceRequirement.Any);
        }),
    ];

    public static SweepPlan Plan(string name, IEnumerable<PlannedJob> jobs, int priority = 0, int maxAttempts = 3)
    {
        var list = jobs.ToImmutableArray();
        return new SweepPlan(SweepIdentity.IdOf(name, list.Select(job => job.Id)), name, null, null, priority, maxAttempts, list);
    }
}
