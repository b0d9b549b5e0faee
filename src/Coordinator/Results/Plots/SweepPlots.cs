using ScottPlot;

namespace Daft.Coordinator.Results.Plots;

/// <summary>
/// Writes a sweep's plots as PNG files: per (dataset, model) an accuracy-vs-LR plot for ID val and for each OOD set
/// (<c>lr_&lt;dataset&gt;_&lt;model&gt;_&lt;metric&gt;.png</c>) and an ID-vs-OOD scatter per OOD set
/// (<c>id_vs_ood_&lt;dataset&gt;_&lt;model&gt;_&lt;set&gt;.png</c>); per job on request its per-epoch curves
/// (<c>epochs_&lt;label&gt;.png</c>, <see cref="RunLabels"/>). Reads nothing but the runs it is given.
/// </summary>
public static class SweepPlots
{
    /// <summary>The accuracy-vs-LR and ID-vs-OOD plots of the sweep's transfer jobs (the pretrain job is not a cell); returns the paths written.</summary>
    public static IReadOnlyList<string> WriteSweep(IReadOnlyList<SweepRun> runs, string sweep, string folder)
    {
        Directory.CreateDirectory(folder);
        var cells = ResultAggregator.Aggregate(runs.Where(run => !run.Pretrain).Select(run => run.Row));
        var paths = new List<string>();
        foreach (var chart in LrSweepSelection.Charts(cells))
        {
            paths.Add(Save(LrSweepPlot.Render(chart, sweep), folder, $"lr_{chart.Dataset}_{chart.Model}_{chart.Metric}"));
        }

        foreach (var chart in IdOodSelection.Charts(cells))
        {
            paths.Add(Save(IdOodPlot.Render(chart, sweep), folder, $"id_vs_ood_{chart.Dataset}_{chart.Model}_{chart.OodSet}"));
        }

        return paths;
    }

    /// <summary>A job's per-epoch curves as <c>epochs_&lt;label&gt;.png</c>; null when its result has no epoch (LP, or no result).</summary>
    public static string? WriteJob(SweepRun run, string label, string sweep, string folder)
    {
        if (run.Result is not { } result || result.Epochs.IsEmpty)
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, RunLabels.Safe($"epochs_{label}") + ".png");
        EpochPlot.Render(EpochSelection.Of(result), sweep, label).SavePng(path, ChartStyle.Width, ChartStyle.EpochHeight);
        return path;
    }

    private static string Save(Plot plot, string folder, string name)
    {
        var path = Path.Combine(folder, RunLabels.Safe(name) + ".png");
        plot.SavePng(path, ChartStyle.Width, ChartStyle.Height);
        return path;
    }
}
