using Daft.Coordinator.Jobs;
using Daft.Coordinator.Sweeps;
using Daft.Shared.Datasets;
using Daft.Shared.Specs;

namespace Daft.Coordinator.Cli.Sweep;

/// <summary>How a planned job reads in a table row: short forms of its dataset, model, learning rates and role.</summary>
internal static class PlanColumns
{
    /// <summary>The method, marked when the job is the sweep's pretrain job: "ft (pretrain)".</summary>
    public static string Method(PlannedJob job) =>
        job.Tags.TryGetValue(SweepKeys.RoleTag, out var role) ? $"{job.Spec.Method.Name} ({role})" : job.Spec.Method.Name;

    /// <summary>A built-in dataset's name, or a dataset file's name.</summary>
    public static string Dataset(JobSpec spec) => DatasetConfigs.IsPath(spec.Dataset) ? Path.GetFileName(spec.Dataset) : spec.Dataset;

    /// <summary>The labels of the job's labelled axes ("moco_v2"), else its backbone.</summary>
    public static string Model(PlannedJob job)
    {
        var labels = job.Tags.Where(tag => tag.Key is not SweepKeys.MethodTag and not SweepKeys.RoleTag).Select(tag => tag.Value).ToList();
        return labels.Count > 0 ? string.Join("/", labels) : job.Spec.Backbone;
    }

    /// <summary>The learning rate, or null for lp (which has none).</summary>
    public static double? Lr(JobSpec spec) => spec.Method switch
    {
        FineTuneSpec ft => ft.Lr,
        LpFtSpec lpFt => lpFt.Lr,
        DaftSpec daft => daft.Lr,
        DannSpec dann => dann.Lr,
        _ => null,
    };

    /// <summary>DAFT's head learning rate, or null for the other methods.</summary>
    public static double? HeadLr(JobSpec spec) => spec.Method is DaftSpec daft ? daft.HeadLr : null;

    /// <summary>A number as the job files write it (shortest round-trip form), "-" for none.</summary>
    public static string Number(double? value) => value is { } number ? SpecNumbers.Shortest(number) : "-";
}
