using System.Collections.Immutable;
using Daft.Coordinator.Jobs;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Tests.Ledger;

/// <summary>Jobs and sweep plans for ledger tests: real resolved specs, ids by content hash, fixed times.</summary>
internal static class LedgerPlans
{
    /// <summary>The tests' clock: every time is <see cref="T0"/> plus some seconds, at a whole microsecond.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly JobSpec Ft = JobSpecLoader.Parse(
        "dataset: digits\nbackbone: small_cnn\nmethod:\n  name: ft\n  lr: 0.01\nepochs: 2\n", "ft.yaml");

    private static readonly JobSpec Lp = JobSpecLoader.Parse(
        "dataset: digits_inverted\nbackbone: small_cnn\nmethod:\n  name: lp\n", "lp.yaml");

    public static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    /// <summary>An FT job (or LP with <paramref name="lp"/>) of replicate <paramref name="runNum"/>; <paramref name="lr"/> varies the point.</summary>
    public static PlannedJob Job(int runNum, bool lp = false, double lr = 0.01, DeviceRequirement? requirement = null,
        ImmutableArray<string> dependsOn = default, params (string Axis, string Value)[] tags)
    {
        var template = lp ? Lp : Ft with { Method = ((FineTuneSpec)Ft.Method) with { Lr = lr } };
        var spec = template with { RunNum = runNum, Seed = Seeds.ForRunNum(runNum) };
        return new PlannedJob(JobIdentity.IdOf(spec), spec, dependsOn.IsDefault ? [] : dependsOn,
            ImmutableSortedDictionary.CreateRange(tags.Select(tag => KeyValuePair.Create(tag.Axis, tag.Value))),
            requirement ?? DeviceRequirement.Any);
    }

    /// <summary><paramref name="count"/> distinct FT jobs, run_num 1..count.</summary>
    public static ImmutableArray<PlannedJob> ManyJobs(int count, double lr = 0.01) =>
        [.. Enumerable.Range(1, count).Select(runNum => Job(runNum, lr: lr))];

    public static SweepPlan Plan(string name, IEnumerable<PlannedJob> jobs, int priority = 0, int maxAttempts = 3)
    {
        var list = jobs.ToImmutableArray();
        return new SweepPlan(SweepIdentity.IdOf(name, list.Select(job => job.Id)), name, $"configs/sweeps/{name}.yaml",
            $"name: {name}\n", priority, maxAttempts, list);
    }
}
